package tutti.cluster;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.painless.PainlessPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Starts one OpenSearch node in this JVM and keeps it running until the process is signalled.
 *
 * One JVM per node, so that a test can stop a single node by its PID and watch the other answer.
 * A node built from Maven artifacts has no plugins/ or modules/ folder: Node's protected
 * constructor takes the modules a packaged distribution would load (HTTP/transport, common
 * analysis, Painless scripts) as classpath plugins. The test framework's MockNode does the same but drags in
 * randomizedtesting, whose presence makes Node ask for a test runner's random context.
 *
 * Only the nodes named in MANAGERS are cluster-manager-eligible; the others hold data only, so a
 * test that stops a data node leaves the elected manager, and the cluster, in place (with two
 * eligible managers, the voting configuration keeps one of them, unpredictably).
 *
 * Usage: Launcher NAME HOME HTTP_PORT TRANSPORT_PORT SEED_TRANSPORT_PORTS(comma) MANAGERS(comma)
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: Launcher NAME HOME HTTP_PORT TRANSPORT_PORT SEED_PORTS MANAGERS");
            System.exit(64);
        }
        String name = args[0];
        Path home = Path.of(args[1]).toAbsolutePath();
        Files.createDirectories(home.resolve("data"));
        Files.createDirectories(home.resolve("logs"));
        List<String> seeds = new ArrayList<>();
        for (String port : args[4].split(",")) {
            seeds.add("127.0.0.1:" + port);
        }
        List<String> managers = List.of(args[5].split(","));
        List<String> roles = managers.contains(name) ? List.of("cluster_manager", "data", "ingest") : List.of("data", "ingest");
        Settings settings = Settings.builder()
            .put("cluster.name", "tutti-test")
            .put("node.name", name)
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            // Loopback only: this cluster is for tests on this machine.
            .put("network.host", "127.0.0.1")
            .put("http.port", args[2])
            .put("transport.port", args[3])
            .putList("discovery.seed_hosts", seeds)
            .putList("cluster.initial_cluster_manager_nodes", managers)
            .putList("node.roles", roles)
            // A crowded CI disk must not stop shards from being allocated.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .build();
        List<Class<? extends Plugin>> plugins = List.of(Netty4Plugin.class, CommonAnalysisPlugin.class, PainlessPlugin.class);
        Node node = new ClasspathNode(settings, plugins);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                System.err.println("closing " + name + ": " + e);
            } finally {
                stopped.countDown();
            }
        }));
        node.start();
        System.out.println("node " + name + " started, http 127.0.0.1:" + args[2]);
        System.out.flush();
        stopped.await();
    }

    /** A node whose plugins come from the classpath rather than a plugins/ folder. */
    static final class ClasspathNode extends Node {
        ClasspathNode(Settings settings, Collection<Class<? extends Plugin>> plugins) {
            super(InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> "tutti-test"), plugins, true);
        }
    }
}
