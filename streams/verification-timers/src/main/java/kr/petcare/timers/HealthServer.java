package kr.petcare.timers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;

/**
 * {@code GET /health}: the Streams state and this instance's tasks as JSON; 200 only while RUNNING
 * (503 while starting, rebalancing or stopping), so a launcher or orchestrator waits for real readiness.
 */
final class HealthServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final KafkaStreams streams;
  private final String applicationId;

  HealthServer(String host, int port, KafkaStreams streams, String applicationId) throws IOException {
    this.streams = streams;
    this.applicationId = applicationId;
    this.server = HttpServer.create(new InetSocketAddress(host, port), 0);
    server.createContext("/health", this::health);
    server.setExecutor(Executors.newSingleThreadExecutor(r -> {
      Thread thread = new Thread(r, "health-http");
      thread.setDaemon(true);
      return thread;
    }));
  }

  /** Starts listening; returns the port (the one chosen by the system when PORT=0). */
  int start() {
    server.start();
    return server.getAddress().getPort();
  }

  private void health(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET") || !exchange.getRequestURI().getPath().equals("/health")) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      KafkaStreams.State state = streams.state();
      ObjectNode body = JSON.createObjectNode().put("status", state == KafkaStreams.State.RUNNING ? "ok" : "unavailable")
          .put("state", state.name()).put("applicationId", applicationId);
      ArrayNode active = body.putArray("activeTasks");
      ArrayNode standby = body.putArray("standbyTasks");
      if (state.isRunningOrRebalancing()) {
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
          thread.activeTasks().forEach(t -> active.add(t.taskId().toString()));
          thread.standbyTasks().forEach(t -> standby.add(t.taskId().toString()));
        }
      }
      byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("content-type", "application/json");
      exchange.sendResponseHeaders(state == KafkaStreams.State.RUNNING ? 200 : 503, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
