package io.tandem.jcache.cluster;

import io.tandem.jcache.cache.CacheReplication;
import io.tandem.jcache.cache.StateChange;
import io.tandem.jcache.cache.TandemCacheImpl;
import io.tandem.jcache.config.ClusterSettings;
import io.tandem.jcache.config.PartitionHandling;
import io.tandem.jcache.config.TandemConfiguration;
import io.tandem.jcache.serialization.Codec;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import javax.cache.CacheException;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.MergeView;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.jgroups.View;
import org.jgroups.blocks.MessageDispatcher;
import org.jgroups.blocks.RequestHandler;
import org.jgroups.blocks.RequestOptions;
import org.jgroups.blocks.ResponseMode;
import org.jgroups.util.Rsp;
import org.jgroups.util.RspList;
import org.jgroups.util.UUID;

/**
 * A cache manager's member of a cluster: one JGroups channel, the caches multiplexed over it.
 *
 * <p>Who runs a key's commands: the key's segment (a hash of its serialized bytes) has one primary,
 * chosen by rendezvous hashing among the <em>ready</em> members of the view, so every member
 * agrees without a message. A member becomes ready once it holds every entry: a joiner first pulls
 * the cache definitions and then every cache's entries, segment range by segment range (twice, the
 * second pass catching what changed during the first), then tells everybody it is ready.
 *
 * <p>Messages: requests to a primary are out-of-band (a primary waiting for acknowledgements while
 * handling one must never block another member's delivery); committed changes are regular
 * messages, delivered in the order the primary sent them. Handlers never throw: failures travel
 * as {@link Envelope.Failure}, so no exception is ever Java-deserialized from the network.
 */
public final class ClusterNode implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(ClusterNode.class.getName());
  private static final int SNAPSHOT_PAGE = 32; // segments per state-transfer request

  /** What the node needs of its cache manager. */
  public interface Caches {
    /** The replicated cache of that name here, or null. */
    TandemCacheImpl<?, ?> cache(String name);

    /** Every replicated cache here. */
    Map<String, TandemCacheImpl<?, ?>> all();

    /**
     * Defines (creates) a replicated cache a peer defined.
     *
     * @throws CacheException when a cache of that name exists here with another configuration
     */
    void defineFromPeer(String name, TandemConfiguration<?, ?> configuration);

    /** Destroys a replicated cache a peer destroyed. */
    void destroyFromPeer(String name);
  }

  private final ClusterSettings settings;
  private final Codec codec;
  private final Segments segments = Segments.defaults();
  private final Caches caches;
  private final JChannel channel;
  private final MessageDispatcher dispatcher;
  private final Set<String> ready = ConcurrentHashMap.newKeySet();
  private final Object topologyLock = new Object();
  private volatile View view;
  private volatile SegmentOwners<Address> owners;
  private volatile int stableSize;
  private volatile boolean degraded;
  private volatile boolean closed;

  /**
   * Joins the cluster and, unless alone, pulls the definitions and entries of the replicated
   * caches before returning: when this returns, this member has every entry.
   */
  public ClusterNode(ClusterSettings settings, Codec codec, Caches caches, Executor executor) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.codec = codec;
    this.caches = caches;
    try {
      this.channel = new JChannel(openStack(settings));
    } catch (CacheException e) {
      throw e;
    } catch (Exception e) {
      throw new CacheException("Invalid JGroups stack '" + settings.stack() + "' of cluster "
          + settings.name() + ": " + e.getMessage(), e);
    }
    this.dispatcher = new MessageDispatcher(channel, new Handler());
    dispatcher.setReceiver(new Receiver() {
      @Override
      public void viewAccepted(View newView) {
        // off the JGroups thread: a merge pushes state, which must not block view installation
        executor.execute(() -> install(newView));
      }
    });
    try {
      channel.connect(settings.name());
    } catch (Exception e) {
      channel.close();
      throw new CacheException("Could not join cluster '" + settings.name() + "' with stack "
          + settings.stack() + " on " + settings.bindAddress() + ": " + e.getMessage(), e);
    }
    install(channel.getView());
    join();
  }

  private static InputStream openStack(ClusterSettings settings) throws Exception {
    String stack = settings.stack();
    // The shipped stacks read these placeholders; an explicit system property still wins.
    setIfAbsent("jgroups.bind_addr", settings.bindAddress());
    setIfAbsent("jgroups.bind_port", Integer.toString(settings.bindPort()));
    if (!settings.initialMembers().isEmpty()) {
      setIfAbsent("jgroups.tcpping.initial_hosts", String.join(",", settings.initialMembers()));
    }
    if (stack.startsWith("classpath:")) {
      InputStream in = ClusterNode.class.getClassLoader()
          .getResourceAsStream(stack.substring("classpath:".length()));
      if (in == null) {
        throw new CacheException("JGroups stack " + stack + " not found on the class path");
      }
      return in;
    }
    if (stack.startsWith("file:")) {
      return Files.newInputStream(Path.of(URI.create(stack)));
    }
    return ClusterStack.named(stack).open();
  }

  private static void setIfAbsent(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }

  // ------------------------------------------------------------------ topology

  private void install(View newView) {
    if (newView == null) {
      return;
    }
    boolean merged;
    synchronized (topologyLock) {
      View previous = view;
      if (previous != null && newView.getViewId().compareTo(previous.getViewId()) <= 0) {
        return;
      }
      view = newView;
      ready.retainAll(identities(newView.getMembers()));
      if (previous == null && newView.size() == 1) {
        ready.add(identity(channel.getAddress())); // founding member: nothing to fetch
      }
      merged = newView instanceof MergeView;
      if (merged) {
        // every member of every partition held its partition's entries: all are ready
        ready.addAll(identities(newView.getMembers()));
      }
      updateOwners();
      int size = newView.size();
      if (merged || stableSize == 0 || size > stableSize / 2) {
        stableSize = Math.max(size, merged ? size : 0);
        if (!degraded || merged) {
          stableSize = size;
        }
        degraded = false;
      } else {
        degraded = settings.partitionHandling() == PartitionHandling.DENY_WRITES;
      }
      topologyLock.notifyAll();
    }
    LOG.log(Level.DEBUG, () -> "cluster " + settings.name() + ": view " + newView);
    if (merged) {
      reconcile();
    }
  }

  private void updateOwners() {
    List<Address> members = new ArrayList<>();
    for (Address a : view.getMembers()) {
      if (ready.contains(identity(a))) {
        members.add(a);
      }
    }
    owners = members.isEmpty() ? null
        : SegmentOwners.compute(members, segments.count(), ClusterNode::identity);
  }

  static String identity(Address address) {
    return address instanceof UUID uuid ? uuid.toStringLong() : address.toString();
  }

  private static Set<String> identities(List<Address> members) {
    Set<String> ids = new HashSet<>();
    members.forEach(a -> ids.add(identity(a)));
    return ids;
  }

  /** After a merge: every member pushes what it holds; the newer version of each key wins. */
  private void reconcile() {
    for (var e : caches.all().entrySet()) {
      List<StateChange> all = e.getValue().snapshot(key -> true);
      for (int i = 0; i < all.size(); i += 500) {
        try {
          multicast(new Envelope.Changes(e.getKey(),
              new ArrayList<>(all.subList(i, Math.min(all.size(), i + 500)))), true, false);
        } catch (RuntimeException ex) {
          LOG.log(Level.WARNING, "Reconciling cache " + e.getKey() + " after a merge failed", ex);
        }
      }
    }
  }

  // ------------------------------------------------------------------ joining

  private void join() {
    Address self = channel.getAddress();
    if (ready.contains(identity(self))) {
      return;
    }
    Address source = null;
    for (Address member : view.getMembers()) {
      if (!member.equals(self)) {
        source = member;
        break;
      }
    }
    if (source == null) {
      markReady();
      return;
    }
    var definitions = (Envelope.Definitions) call(source, new Envelope.DefinitionsQuery());
    synchronized (topologyLock) {
      ready.addAll(definitions.readyMembers());
      ready.retainAll(identities(view.getMembers()));
      updateOwners();
    }
    definitions.caches().forEach((name, config) ->
        caches.defineFromPeer(name, (TandemConfiguration<?, ?>) config));
    for (int pass = 0; pass < 2; pass++) {
      for (String name : definitions.caches().keySet()) {
        TandemCacheImpl<?, ?> cache = caches.cache(name);
        for (int from = 0; from < segments.count(); from += SNAPSHOT_PAGE) {
          @SuppressWarnings("unchecked")
          List<StateChange> page = (List<StateChange>) call(source,
              new Envelope.SnapshotQuery(name, from, Math.min(segments.count(), from + SNAPSHOT_PAGE)));
          cache.apply(page);
        }
      }
    }
    markReady();
  }

  private void markReady() {
    String me = identity(channel.getAddress());
    multicast(new Envelope.Ready(me), true, false);
    synchronized (topologyLock) {
      ready.add(me);
      updateOwners();
      topologyLock.notifyAll();
    }
  }

  // ------------------------------------------------------------------ cluster-wide definitions

  /** Defines {@code name} on every other member; fails if one has it with another configuration. */
  public void defineEverywhere(String name, TandemConfiguration<?, ?> configuration) {
    multicast(new Envelope.Define(name, shareable(configuration)), true, false);
  }

  /** Destroys {@code name} on every other member. */
  public void destroyEverywhere(String name) {
    multicast(new Envelope.Destroy(name), true, false);
  }

  /**
   * The configuration as other members get it: without listeners, which stay on the member that
   * registered them (each listener hears each event once, from wherever it happened).
   */
  public static TandemConfiguration<?, ?> shareable(TandemConfiguration<?, ?> configuration) {
    return withoutListeners(configuration);
  }

  private static <K, V> TandemConfiguration<K, V> withoutListeners(TandemConfiguration<K, V> c) {
    var copy = new TandemConfiguration<>(c);
    for (var l : c.getCacheEntryListenerConfigurations()) {
      copy.removeCacheEntryListenerConfiguration(l);
    }
    return copy;
  }

  // ------------------------------------------------------------------ the replication of one cache

  /** The cluster as cache {@code name} sees it. */
  public CacheReplication replicationFor(String name) {
    return new Replication();
  }

  private final class Replication implements CacheReplication {
    @Override
    public Object primaryOf(Object key) {
      SegmentOwners<Address> current = owners;
      if (current == null) {
        throw new RetryException("no member of cluster " + settings.name() + " is ready");
      }
      return current.primary(segments.segmentOf(codec.serialize(key)));
    }

    @Override
    public boolean isLocal(Object member) {
      return member.equals(channel.getAddress());
    }

    @Override
    public Object send(Object member, String cacheName, Object request) {
      return call((Address) member, new Envelope.CacheRequest(cacheName, request));
    }

    @Override
    public void broadcast(String cacheName, Object request) {
      multicast(new Envelope.CacheRequest(cacheName, request), true, true);
    }

    @Override
    public void replicate(String cacheName, List<StateChange> changes, boolean sync) {
      multicast(new Envelope.Changes(cacheName, changes), sync, false);
    }

    @Override
    public long epoch() {
      return view.getViewId().getId();
    }

    @Override
    public void checkWritable(String cacheName) {
      if (degraded) {
        throw new CacheException("Cache " + cacheName + " rejects writes: this member is in a "
            + "partition of " + view.size() + " of the last stable view's " + stableSize
            + " members (partition-handling=deny-writes). Writes resume when the partitions merge.");
      }
    }

    @Override
    public void awaitTopologyChange(long millis) {
      synchronized (topologyLock) {
        try {
          topologyLock.wait(millis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new CacheException("Interrupted while waiting for the cluster's view", e);
        }
      }
    }

    @Override
    public long timeoutMillis() {
      return settings.timeout().toMillis();
    }
  }

  // ------------------------------------------------------------------ transport

  /** A request to one member, out-of-band; its answer, or the remote failure rethrown here. */
  private Object call(Address target, Object envelope) {
    Message msg = new BytesMessage(target, codec.serialize(envelope)).setFlag(Message.Flag.OOB);
    byte[] answer;
    try {
      answer = dispatcher.sendMessage(msg,
          new RequestOptions(ResponseMode.GET_FIRST, settings.timeout().toMillis()));
    } catch (org.jgroups.SuspectedException | IllegalArgumentException e) {
      throw new CacheReplication.RetryException(target + " left the cluster");
    } catch (java.util.concurrent.TimeoutException e) {
      throw new CacheException("Member " + target + " of cluster " + settings.name()
          + " did not answer within " + settings.timeout().toMillis() + " ms", e);
    } catch (Exception e) {
      if (!view.containsMember(target)) {
        throw new CacheReplication.RetryException(target + " left the cluster");
      }
      throw new CacheException("Request to " + target + " failed: " + e.getMessage(), e);
    }
    if (answer == null) {
      throw new CacheReplication.RetryException(target + " left the cluster");
    }
    return unwrap(codec.deserialize(answer), target);
  }

  private static Object unwrap(Object answer, Address from) {
    if (answer instanceof Envelope.Reply reply) {
      return reply.value();
    }
    if (answer instanceof Envelope.Retry retry) {
      throw new CacheReplication.RetryException(retry.reason());
    }
    if (answer instanceof Envelope.Failure failure) {
      throw RemoteFailures.rebuild(failure, "on member " + from);
    }
    throw new CacheException("Unexpected answer from " + from + ": " + answer);
  }

  /**
   * Sends {@code envelope} to every other member: with {@code sync}, waits until each answered
   * (a member that left meanwhile counts as done) and rethrows the first failure.
   */
  private void multicast(Object envelope, boolean sync, boolean oob) {
    List<Address> others = new ArrayList<>(view.getMembers());
    others.remove(channel.getAddress());
    if (others.isEmpty()) {
      return;
    }
    Message msg = new BytesMessage(null, codec.serialize(envelope));
    if (oob) {
      msg.setFlag(Message.Flag.OOB);
    }
    RequestOptions options = new RequestOptions(sync ? ResponseMode.GET_ALL : ResponseMode.GET_NONE,
        settings.timeout().toMillis());
    RspList<byte[]> responses;
    try {
      responses = dispatcher.castMessage(others, msg, options);
    } catch (Exception e) {
      throw new CacheException("Sending to cluster " + settings.name() + " failed: "
          + e.getMessage(), e);
    }
    if (!sync || responses == null) {
      return;
    }
    for (Map.Entry<Address, Rsp<byte[]>> e : responses.entrySet()) {
      Rsp<byte[]> rsp = e.getValue();
      if (rsp.wasSuspected() || !rsp.wasReceived() && !view.containsMember(e.getKey())) {
        continue; // left: the survivors' view no longer needs it
      }
      if (!rsp.wasReceived()) {
        throw new CacheException("Member " + e.getKey() + " of cluster " + settings.name()
            + " did not acknowledge within " + settings.timeout().toMillis() + " ms");
      }
      if (rsp.hasException()) {
        throw new CacheException("Member " + e.getKey() + " failed: " + rsp.getException(),
            rsp.getException());
      }
      Object answer = codec.deserialize(rsp.getValue());
      unwrap(answer, e.getKey());
    }
  }

  /** Answers every message; never throws (a failure travels back as an envelope). */
  private final class Handler implements RequestHandler {
    @Override
    public Object handle(Message msg) {
      Object answer;
      try {
        byte[] bytes = msg.getOffset() == 0 && msg.getLength() == msg.getArray().length
            ? msg.getArray()
            : java.util.Arrays.copyOfRange(msg.getArray(), msg.getOffset(),
                msg.getOffset() + msg.getLength());
        answer = new Envelope.Reply(dispatch(codec.deserialize(bytes)));
      } catch (CacheReplication.RetryException e) {
        answer = new Envelope.Retry(e.getMessage());
      } catch (Throwable t) {
        if (!(t instanceof RuntimeException)) {
          LOG.log(Level.WARNING, "Request from " + msg.getSrc() + " failed", t);
        }
        answer = RemoteFailures.describe(t);
      }
      try {
        return codec.serialize(answer);
      } catch (RuntimeException e) {
        return codec.serialize(RemoteFailures.describe(e));
      }
    }
  }

  private Object dispatch(Object envelope) {
    if (envelope instanceof Envelope.CacheRequest r) {
      return cacheOrRetry(r.cache()).handle(r.request());
    }
    if (envelope instanceof Envelope.Changes c) {
      TandemCacheImpl<?, ?> cache = caches.cache(c.cache());
      if (cache != null) {
        cache.apply(c.changes());
      }
      return null;
    }
    if (envelope instanceof Envelope.SnapshotQuery q) {
      TandemCacheImpl<?, ?> cache = caches.cache(q.cache());
      if (cache == null) {
        return List.of();
      }
      return cache.snapshot(key -> {
        int s = segments.segmentOf(codec.serialize(key));
        return s >= q.from() && s < q.to();
      });
    }
    if (envelope instanceof Envelope.DefinitionsQuery) {
      Map<String, Object> definitions = new LinkedHashMap<>();
      caches.all().forEach((name, cache) -> definitions.put(name, shareable(cache.configuration())));
      return new Envelope.Definitions(definitions, new HashSet<>(ready));
    }
    if (envelope instanceof Envelope.Define d) {
      caches.defineFromPeer(d.cache(), (TandemConfiguration<?, ?>) d.configuration());
      return null;
    }
    if (envelope instanceof Envelope.Destroy d) {
      caches.destroyFromPeer(d.cache());
      return null;
    }
    if (envelope instanceof Envelope.Ready r) {
      synchronized (topologyLock) {
        if (view.getMembers().stream().anyMatch(a -> identity(a).equals(r.member()))) {
          ready.add(r.member());
          updateOwners();
        }
        topologyLock.notifyAll();
      }
      return null;
    }
    throw new IllegalArgumentException("Unknown message " + envelope.getClass().getName());
  }

  private TandemCacheImpl<?, ?> cacheOrRetry(String name) {
    TandemCacheImpl<?, ?> cache = caches.cache(name);
    if (cache == null) {
      throw new CacheReplication.RetryException("cache " + name + " is not defined on "
          + channel.getAddress() + " yet");
    }
    return cache;
  }

  // ------------------------------------------------------------------ state, lifecycle

  /** Tandem's own message classes, for the cluster codec's allowlist. */
  public static List<String> wireClasses() {
    return Envelope.classNames();
  }

  /** This member's address, members, coordinator, for JMX and tests. */
  public View view() {
    return view;
  }

  public Address address() {
    return channel.getAddress();
  }

  /** Whether every member of the view is ready (state transfer done everywhere). */
  public boolean isStable() {
    View v = view;
    return v != null && ready.containsAll(identities(v.getMembers()));
  }

  /** Whether this member rejects writes as a minority partition. */
  public boolean isDegraded() {
    return degraded;
  }

  /** The channel, for tests that inject partitions. */
  public JChannel channel() {
    return channel;
  }

  public String clusterName() {
    return settings.name();
  }

  /** Segments whose primary this member is. */
  public int primarySegments() {
    SegmentOwners<Address> current = owners;
    return current == null ? 0 : current.primaryCount(channel.getAddress());
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      dispatcher.stop();
    } finally {
      channel.close();
    }
  }
}
