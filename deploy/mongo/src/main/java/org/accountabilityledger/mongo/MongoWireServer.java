package org.accountabilityledger.mongo;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.concurrent.CountDownLatch;

/**
 * Serves the MongoDB wire protocol from memory on a local address until the process is killed.
 * Usage: MongoWireServer [host] [port] (defaults 127.0.0.1 27017). Data does not survive a restart:
 * it stands in for MongoDB in tests and local distributed runs, where read models are rebuilt by replay.
 */
public final class MongoWireServer {
  private MongoWireServer() {}

  public static void main(String[] args) throws InterruptedException {
    String host = args.length > 0 ? args[0] : "127.0.0.1";
    int port = args.length > 1 ? parsePort(args[1]) : 27017;

    MongoServer server = new MongoServer(new MemoryBackend());
    server.bind(host, port);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.shutdown();
      stopped.countDown();
    }, "mongo-wire-server-shutdown"));
    // scripts/engines waits for this line before it probes the port.
    System.out.println("mongo-wire-server listening on " + host + ":" + port);
    System.out.flush();
    stopped.await();
  }

  private static int parsePort(String text) {
    try {
      int port = Integer.parseInt(text);
      if (port < 1 || port > 65535) throw new NumberFormatException();
      return port;
    } catch (NumberFormatException e) {
      System.err.println("port must be a number from 1 to 65535, got: " + text);
      System.exit(2);
      return -1;
    }
  }
}
