package io.influxdb3j.query.api;

public enum QueryLanguage {
    SQL, INFLUXQL
}
