package io.trm4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trm4j.cli.serve.TestKeystores;
import io.trm4j.core.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --config and TRM_* reach the commands, with flag > env > file. */
class ConfigCliTest {
    private static final String INPUT = "7 4 4 7 3 2 2 3 6 4 6 2 2 4 4 7";



    @Test
    void configFileAndEnvDriveSolve(@TempDir Path tmp) throws Exception {
        Path cfg = tmp.resolve("trm.properties");
        Files.writeString(cfg, "model=" + Fixtures.dir(Fixtures.ATTN) + "\nhead=tokens\nthreads=1\nmax_steps=5\n"
                + "halting=fixed\n");
        ObjectMapper json = new ObjectMapper();
        CliRun fromFile = CliRun.withEnv(Map.of(), "solve", "--config", cfg.toString(), "--json", INPUT);
        assertEquals(0, fromFile.code(), fromFile.err());
        assertEquals(5, json.readTree(fromFile.out()).get("steps").asInt());

        CliRun fromEnv = CliRun.withEnv(Map.of("TRM_MAX_STEPS", "4"), "solve", "--config", cfg.toString(), "--json", INPUT);
        assertEquals(4, json.readTree(fromEnv.out()).get("steps").asInt(), fromEnv.err());

        CliRun fromFlag = CliRun.withEnv(Map.of("TRM_MAX_STEPS", "4"), "solve", "--config", cfg.toString(), "--max-steps", "2",
                "--json", INPUT);
        assertEquals(2, json.readTree(fromFlag.out()).get("steps").asInt(), fromFlag.err());
    }

    @Test
    void unknownKeysAreUsageErrors(@TempDir Path tmp) throws Exception {
        Path cfg = tmp.resolve("trm.properties");
        Files.writeString(cfg, "model=x\nhalting=act\nmax_step=3\n");
        CliRun r = CliRun.withEnv(Map.of(), "solve", "--config", cfg.toString(), INPUT);
        assertEquals(2, r.code());
        assertEquals("trm: unknown key 'max_step' in " + cfg + " line 3; did you mean 'max_steps'?", r.err().trim());

        CliRun env = CliRun.withEnv(Map.of("TRM_THREAD", "2"), "solve", "--model", Fixtures.dir(Fixtures.ATTN).toString(), INPUT);
        assertEquals(2, env.code());
        assertEquals("trm: unknown environment variable TRM_THREAD; did you mean 'TRM_THREADS'?", env.err().trim());
    }

    @Test
    void modelSectionsAreRefusedNotIgnored(@TempDir Path tmp) throws Exception {
        Path cfg = tmp.resolve("service.properties");
        Files.writeString(cfg, "models.sudoku.threads=1\nmodels.maze.threads=1\n");
        CliRun r = CliRun.withEnv(Map.of(), "solve", "--config", cfg.toString(), "sudoku",
                "......95....64..7......7.1..38.15..25..87..6...72.....7...5...9.5.....2.3.94.....");
        assertEquals(2, r.code(), r.err());
        assertEquals("trm: " + cfg + " defines models.* sections (sudoku, maze), which only trm serve reads: "
                + "give this command a file with one model's keys (model=..., head=..., ...) or --model", r.err().trim());
    }

    @Test
    void serveTakesTlsFromFlagsOrFailsWithoutThePassword(@TempDir Path tmp) throws Exception {
        Path ks = TestKeystores.selfSigned(tmp.resolve("server.p12"), "flag-secret");
        CliRun noPassword = CliRun.withEnv(Map.of(), "serve", "--model", Fixtures.dir(Fixtures.ATTN).toString(),
                "--head", "tokens", "--port", "0", "--tls-keystore", ks.toString());
        assertEquals(2, noPassword.code(), noPassword.err());
        assertEquals("trm: serve.tls_keystore (--tls-keystore) needs the keystore's password: set "
                + "TRM_SERVE_TLS_KEYSTORE_PASSWORD (or serve.tls_keystore_password)", noPassword.err().trim());

        ServeRun server = ServeRun.start("--model", Fixtures.dir(Fixtures.ATTN).toString(), "--head", "tokens",
                "--threads", "1", "--port", "0", "--tls-keystore", ks.toString(), "--tls-keystore-password", "flag-secret");
        try {
            assertTrue(server.url().startsWith("https://127.0.0.1:"), server.out());
            HttpResponse<String> health = TestKeystores.trusting(ks, "flag-secret").send(HttpRequest.newBuilder(
                    URI.create(server.url() + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());
        } finally {
            server.stop();
        }
    }
}
