# Buffers one invalid line (its database batch is rejected) and one valid line for another database.
class RawLine:
    def __init__(self, text):
        self.text = text

    def build(self):
        return self.text


def process_writes(influxdb3_local, table_batches, args=None):
    influxdb3_local.write(RawLine("good value=1i 10\nbad line without fields"))
    influxdb3_local.write_to_db("fine", RawLine("ok,host=a value=2i 20"))
