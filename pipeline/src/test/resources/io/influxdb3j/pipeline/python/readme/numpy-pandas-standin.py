import numpy as np

class DataFrame:
    """Just enough of pandas.DataFrame for the README example, with numpy arrays as columns."""

    def __init__(self, columns):
        self.columns = columns

    @classmethod
    def from_dict(cls, data):
        return cls({name: np.array(values) for name, values in data.items()})

    def to_dict(self, orient):
        if orient != "list":
            raise ValueError("only orient='list' is supported")
        return {name: column.tolist() for name, column in self.columns.items()}

class pd:
    DataFrame = DataFrame
