package io.trm4j.cli;

import io.trm4j.core.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code trm loadtest} against a real {@code trm serve} (the tiny-attn fixture), as docs/SERVICE.md runs it. */
class LoadTestCommandTest {
    @Test
    void measuresARunningServer(@TempDir Path tmp) throws Exception {
        Path csv = tmp.resolve("puzzles.csv");
        Files.writeString(csv, "question,answer\n\"7 4 4 7 3 2 2 3 6 4 6 2 2 4 4 7\",x\n"
                + "\"1 2 3 4 5 6 7 1 2 3 4 5 6 7 1 2\",x\n");
        ServeRun server = ServeRun.start("--model", Fixtures.dir(Fixtures.ATTN).toString(), "--head", "tokens",
                "--threads", "1", "--port", "0");
        try {
            CliRun r = CliRun.of("loadtest", server.url() + "/v1/solve/tokens", "--file", csv.toString(),
                    "--clients", "2", "--duration", "1", "--warmup", "0");
            assertEquals(0, r.code(), r.out() + r.err());
            assertTrue(r.out().matches("(?s)clients 2  requests [1-9]\\d*  errors 0  req/s .*mean batch .*"), r.out());
        } finally {
            server.stop();
        }
    }

    @Test
    void theUrlMustBeASolveEndpoint(@TempDir Path tmp) throws Exception {
        Path csv = tmp.resolve("puzzles.csv");
        Files.writeString(csv, "question,answer\n1,1\n");
        CliRun r = CliRun.of("loadtest", "http://127.0.0.1:8080", "--file", csv.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("trm: URL must look like http://HOST:PORT/v1/solve/HEAD, got 'http://127.0.0.1:8080'",
                r.err().strip());
    }
}
