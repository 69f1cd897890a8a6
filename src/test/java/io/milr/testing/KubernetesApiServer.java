package io.milr.testing;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;

/**
 * A Kubernetes API server on 127.0.0.1 (plain HTTP) that only stores objects: fabric8's mock server
 * in CRUD mode. It runs no pod, schedules nothing and checks no permission; what a client creates
 * it keeps as sent, so a test can read back what Spark's submission client asked for
 * ({@code spark-submit --master k8s://http://127.0.0.1:PORT}).
 */
public final class KubernetesApiServer implements AutoCloseable {
    private final KubernetesMockServer server;
    private final KubernetesClient client;

    private KubernetesApiServer(KubernetesMockServer server) {
        this.server = server;
        this.client = server.createClient();
    }

    public static KubernetesApiServer start() {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new ApplyCreatesDispatcher(), false);
        try {
            server.init(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new KubernetesApiServer(server);
    }

    /** The master URL for spark-submit. */
    public String masterUrl() {
        return "k8s://http://127.0.0.1:" + server.getPort();
    }

    public List<Pod> pods(String namespace) {
        return client.pods().inNamespace(namespace).list().getItems();
    }

    public List<ConfigMap> configMaps(String namespace) {
        return client.configMaps().inNamespace(namespace).list().getItems();
    }

    public List<Service> services(String namespace) {
        return client.services().inNamespace(namespace).list().getItems();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }

    /**
     * Spark 3.5 creates the driver's service and config map by server-side apply: a PATCH with
     * {@code Content-Type: application/apply-patch+yaml}, which a real API server answers by
     * creating the object when it does not exist. fabric8's CRUD dispatcher answers any PATCH of a
     * missing object with 404 (kubernetes-client issue 5360), and the submission fails. So an apply
     * of a missing object is handled here as the create it is; every other PATCH as before. (An
     * apply of an existing object stays the mock's own patch, not a real field-manager merge; the
     * submission applies each object once, after creating the pod, with the pod as its owner
     * already in it.)
     */
    private static final class ApplyCreatesDispatcher extends KubernetesCrudDispatcher {
        @Override
        public MockResponse handlePatch(RecordedRequest request) {
            String contentType = request.getHeader("Content-Type");
            if (contentType != null && contentType.startsWith("application/apply-patch")) {
                String path = request.getPath();
                int query = path.indexOf('?');
                if (status(handleGet(query < 0 ? path : path.substring(0, query))) == 404) {
                    return handleCreate(request);
                }
            }
            return super.handlePatch(request);
        }

        private static int status(MockResponse response) {
            // "HTTP/1.1 404 Client Error"
            return Integer.parseInt(response.getStatus().split(" ")[1]);
        }
    }
}
