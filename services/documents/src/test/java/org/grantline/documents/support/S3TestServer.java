package org.grantline.documents.support;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.TransientApiMetadata;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An S3-compatible server in this JVM: S3Proxy (the S3 REST API, AWS V2/V4 signatures checked)
 * over jclouds' transient, in-memory blobstore, on a free port. It can be stopped and started again
 * on the same port with its objects kept, to play an outage. {@link #client()} is a plain S3 client
 * for the tests to look at and tamper with the objects behind the service's back.
 */
public final class S3TestServer implements AutoCloseable {
    public static final String BUCKET = "grantline-documents-test";
    private static final String ACCESS_KEY = "grantline-test-access";
    private static final String SECRET_KEY = "grantline-test-secret-0123456789";

    private final BlobStoreContext context;
    private S3Proxy proxy;
    private final int port;
    private final S3Client client;

    public S3TestServer() {
        // jclouds' "transient" blobstore, named by its metadata: a lookup by name instantiates every
        // provider on the class path, and S3Proxy's Azure one needs the Azure SDK that is left out.
        context = ContextBuilder.newBuilder(new TransientApiMetadata()).build(BlobStoreContext.class);
        proxy = proxy(0);
        start();
        port = proxy.getPort();
        client = S3Client.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                // As the service does: no trailing checksums (aws-chunked), which S3Proxy does not take.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .forcePathStyle(true)
                .build();
    }

    private S3Proxy proxy(int port) {
        return S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
    }

    private void start() {
        try {
            proxy.start();
            long deadline = System.currentTimeMillis() + 10_000;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
                }
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The service's settings for this server: the s3 backend, 5 MB parts, the bucket made at startup. */
    public Map<String, String> properties() {
        Map<String, String> p = new HashMap<>();
        p.put("grantline.documents.storage.backend", "s3");
        p.put("grantline.documents.storage.s3.endpoint", endpoint().toString());
        p.put("grantline.documents.storage.s3.region", "us-east-1");
        p.put("grantline.documents.storage.s3.bucket", BUCKET);
        p.put("grantline.documents.storage.s3.access-key", ACCESS_KEY);
        p.put("grantline.documents.storage.s3.secret-key", SECRET_KEY);
        p.put("grantline.documents.storage.s3.part-size", "5MB");
        p.put("grantline.documents.storage.s3.create-bucket", "true");
        return p;
    }

    public S3Client client() {
        return client;
    }

    /** An outage: nothing listens on the port any more. */
    public void stop() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Back on the same port, with the same objects. */
    public void restart() {
        proxy = proxy(port);
        start();
    }

    public boolean exists(String key) {
        try {
            client.headObject(r -> r.bucket(BUCKET).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    public void put(String key, byte[] bytes) {
        client.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes));
    }

    public byte[] get(String key) {
        return client.getObjectAsBytes(r -> r.bucket(BUCKET).key(key)).asByteArray();
    }

    public void delete(String key) {
        client.deleteObject(r -> r.bucket(BUCKET).key(key));
    }

    public List<String> keys(String prefix) {
        return client.listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix(prefix)).contents().stream().map(S3Object::key).toList();
    }

    /** Multipart uploads begun and neither completed nor aborted. */
    public int pendingMultipartUploads() {
        return client.listMultipartUploads(r -> r.bucket(BUCKET)).uploads().size();
    }

    @Override
    public void close() {
        client.close();
        try {
            proxy.stop();
        } catch (Exception ignored) {
            // already stopped
        }
        context.close();
    }
}
