package io.trm4j.spark;

import org.apache.spark.sql.SparkSession;

/** The small local session the tests share: two cores, no UI, two shuffle partitions. */
final class SparkSessions {
    private SparkSessions() {
    }

    static SparkSession local() {
        return SparkSession.builder()
                .master("local[2]")
                .appName("trm4j-spark-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.default.parallelism", "2")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.adaptive.enabled", "false")
                .getOrCreate();
    }
}
