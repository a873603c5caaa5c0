package io.trainbus.localstack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the local stack until the process is stopped. Arguments: {@code --kafka-port N --s3-port N --data-dir DIR};
 * the S3 credentials come from {@code TRAINBUS_STORAGE_ACCESS_KEY} and {@code TRAINBUS_STORAGE_SECRET_KEY}. Prints
 * one line starting with {@code READY} when both servers accept connections.
 */
public final class LocalStackMain {

    private LocalStackMain() {
    }

    public static void main(String[] args) throws Exception {
        int kafkaPort = 19092;
        int s3Port = 19000;
        Path dataDir = Path.of(".trainbus/stack");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--kafka-port" -> kafkaPort = Integer.parseInt(args[i + 1]);
                case "--s3-port" -> s3Port = Integer.parseInt(args[i + 1]);
                case "--data-dir" -> dataDir = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                        + "; expected --kafka-port, --s3-port or --data-dir");
            }
        }
        String accessKey = requireEnv("TRAINBUS_STORAGE_ACCESS_KEY");
        String secretKey = requireEnv("TRAINBUS_STORAGE_SECRET_KEY");
        LocalStack stack = LocalStack.start(new LocalStack.Options(kafkaPort, s3Port, dataDir, accessKey, secretKey,
                2));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        System.out.println("READY kafka=" + stack.bootstrapServers() + " s3=" + stack.s3Endpoint());
        System.out.flush();
        stopped.await();
    }

    private static String requireEnv(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Environment variable " + name + " is not set; the local stack's S3 "
                    + "server needs it as its credential.");
        }
        return value;
    }
}
