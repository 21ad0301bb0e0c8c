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
import org.jgroups.blocks.GroupRequest;
import org.jgroups.blocks.MessageDispatcher;
import org.jgroups.blocks.RequestHandler;
import org.jgroups.blocks.RequestOptions;
import org.jgroups.blocks.Response;
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

  /**
   * What travels with Java serialization (filtered by the allowlist) rather than Kryo: the types
   * JCache requires to be Serializable, which may rely on it, and exceptions.
   */
  public static final List<Class<?>> CONTRACT_TYPES = List.of(
      javax.cache.configuration.Configuration.class, javax.cache.configuration.Factory.class,
      javax.cache.configuration.CacheEntryListenerConfiguration.class,
      javax.cache.processor.EntryProcessor.class, javax.cache.expiry.ExpiryPolicy.class,
      Throwable.class);

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
  private final Executor executor;
  private final Set<String> ready = ConcurrentHashMap.newKeySet();
  /**
   * The members that use each replicated cache: the one that created it and those that opened it
   * (getCache, createCache, a declaration in their file). A cache lives while some member uses
   * it; when the last one closes it or leaves, every member drops it. Members that merely hold a
   * copy do not keep it alive.
   */
  private final Map<String, Set<String>> users = new ConcurrentHashMap<>();
  private final Object topologyLock = new Object();
  /** Commands sent to a primary, awaiting its answer and (sync mode) the others' confirmations. */
  private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicLong tokens =
      new java.util.concurrent.atomic.AtomicLong();
  private volatile View view;
  /** The view's members by identity, and this member's own: read on every forwarded write. */
  private volatile Map<String, Address> byIdentity = Map.of();
  private volatile String self;
  private volatile SegmentOwners<Address> owners;
  private volatile int stableSize;
  private volatile boolean degraded;
  private volatile boolean closed;
  /** Pages of the join's state transfer received, and how many there are (0 when none). */
  private volatile int pagesReceived;
  private volatile int pagesTotal;

  /**
   * Joins the cluster; {@link #join} then fetches its state.
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
    try {
      ClusterSecurity.apply(channel, settings);
    } catch (RuntimeException e) {
      channel.close();
      throw e;
    }
    this.executor = executor;
    this.dispatcher = new MessageDispatcher(channel, new Handler()).asyncDispatching(true);
    dispatcher.setReceiver(new Receiver() {
      @Override
      public void viewAccepted(View newView) {
        install(newView);
      }
    });
    try {
      channel.connect(settings.name());
    } catch (Exception e) {
      channel.close();
      throw new CacheException("Could not join cluster '" + settings.name() + "' with stack "
          + settings.stack() + " on " + settings.bindAddress() + ": " + e.getMessage(), e);
    }
    self = identity(channel.getAddress());
    install(channel.getView());
  }

  /**
   * The stack's XML with this manager's bind address, port and initial members filled into the
   * stack's placeholders. A system property of the same name still wins (JGroups' own rule), but
   * nothing here sets one: several managers in one JVM keep their own settings.
   */
  private static InputStream openStack(ClusterSettings settings) throws Exception {
    String stack = settings.stack();
    InputStream in;
    if (stack.startsWith("classpath:")) {
      in = ClusterNode.class.getClassLoader()
          .getResourceAsStream(stack.substring("classpath:".length()).replaceFirst("^/", ""));
      if (in == null) {
        throw new CacheException("JGroups stack " + stack + " not found on the class path");
      }
    } else if (stack.startsWith("file:")) {
      in = Files.newInputStream(Path.of(URI.create(stack)));
    } else {
      in = ClusterStack.named(stack).open();
    }
    String xml;
    try (in) {
      xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    xml = fill(xml, "jgroups.bind_addr", settings.bindAddress());
    xml = fill(xml, "jgroups.bind_port", Integer.toString(settings.bindPort()));
    if (!settings.initialMembers().isEmpty()) {
      xml = fill(xml, "jgroups.tcpping.initial_hosts", String.join(",", settings.initialMembers()));
    }
    return new java.io.ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String fill(String xml, String property, String value) {
    if (System.getProperty(property) != null) {
      return xml;
    }
    return xml.replaceAll("\\$\\{" + java.util.regex.Pattern.quote(property) + "(:[^}]*)?\\}",
        java.util.regex.Matcher.quoteReplacement(value));
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
      Map<String, Address> members = new java.util.HashMap<>();
      newView.getMembers().forEach(a -> members.put(identity(a), a));
      byIdentity = members;
      ready.retainAll(members.keySet());
      if (previous == null && newView.size() == 1) {
        ready.add(identity(channel.getAddress())); // founding member: nothing to fetch
      }
      merged = newView instanceof MergeView;
      if (merged) {
        // every member of every partition held its partition's entries: all are ready
        ready.addAll(members.keySet());
      }
      updateOwners();
      dropUnusedCaches(members.keySet());
      // A view holding more than half of the last stable view (or a merge) is the new stable
      // view; anything smaller is a minority, which rejects writes under deny-writes.
      int size = newView.size();
      if (merged || stableSize == 0 || size > stableSize / 2) {
        stableSize = size;
        degraded = false;
      } else {
        degraded = settings.partitionHandling() == PartitionHandling.DENY_WRITES;
      }
      topologyLock.notifyAll();
    }
    LOG.log(Level.DEBUG, () -> "cluster " + settings.name() + ": view " + newView);
    if (merged) {
      // off the JGroups thread: pushing state must not hold up view installation
      executor.execute(this::reconcile);
    }
  }

  /** Forgets users that left; drops the caches nobody uses any more. */
  private void dropUnusedCaches(Set<String> members) {
    for (var e : users.entrySet()) {
      e.getValue().retainAll(members);
      if (e.getValue().isEmpty() && users.remove(e.getKey(), e.getValue())) {
        caches.destroyFromPeer(e.getKey());
      }
    }
  }

  /** Records that this member uses {@code name}, telling the others the first time. */
  public void use(String name) {
    String me = identity(channel.getAddress());
    Set<String> set = users.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet());
    if (set.add(me)) {
      multicast(new Envelope.Interest(name, me, true), true, false);
    }
  }

  /** Whether this member uses {@code name} (created or opened it). */
  public boolean uses(String name) {
    Set<String> set = users.get(name);
    return set != null && set.contains(identity(channel.getAddress()));
  }

  /** Records that this member no longer uses {@code name} (it closed its cache). */
  public void release(String name) {
    String me = identity(channel.getAddress());
    Set<String> set = users.get(name);
    if (set != null && set.remove(me)) {
      if (set.isEmpty()) {
        users.remove(name, set);
      }
      multicast(new Envelope.Interest(name, me, false), true, false);
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

  /**
   * Unless alone, pulls the definitions and entries of the replicated caches from a member and
   * then tells everybody this member is ready: when this returns, it holds every entry.
   */
  public void join() {
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
    definitions.users().forEach((name, members) ->
        users.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet()).addAll(members));
    synchronized (topologyLock) {
      ready.addAll(definitions.readyMembers());
      ready.retainAll(identities(view.getMembers()));
      updateOwners();
    }
    definitions.caches().forEach((name, config) ->
        caches.defineFromPeer(name, (TandemConfiguration<?, ?>) config));
    pagesTotal = 2 * definitions.caches().size()
        * ((segments.count() + SNAPSHOT_PAGE - 1) / SNAPSHOT_PAGE);
    for (int pass = 0; pass < 2; pass++) {
      for (String name : definitions.caches().keySet()) {
        TandemCacheImpl<?, ?> cache = caches.cache(name);
        for (int from = 0; from < segments.count(); from += SNAPSHOT_PAGE) {
          @SuppressWarnings("unchecked")
          List<StateChange> page = (List<StateChange>) call(source,
              new Envelope.SnapshotQuery(name, from, Math.min(segments.count(), from + SNAPSHOT_PAGE)));
          cache.apply(page);
          pagesReceived++;
        }
      }
    }
    markReady();
  }

  private void markReady() {
    String me = identity(channel.getAddress());
    try {
      multicast(new Envelope.Ready(me), true, false);
    } catch (CacheException e) {
      // A member that does not acknowledge is leaving or stuck; the others know. Once it is out
      // of the view nobody asks it; if it stays, it routes to the old primaries, which answer
      // "retry" for the segments this member now owns, until it hears of this member again.
      LOG.log(Level.WARNING, "Not every member acknowledged that " + channel.getAddress()
          + " is ready: " + e.getMessage());
    }
    synchronized (topologyLock) {
      ready.add(me);
      updateOwners();
      topologyLock.notifyAll();
    }
  }

  // ------------------------------------------------------------------ cluster-wide definitions

  /** Defines {@code name} on every other member; fails if one has it with another configuration. */
  public void defineEverywhere(String name, TandemConfiguration<?, ?> configuration) {
    String me = identity(channel.getAddress());
    users.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet()).add(me);
    multicast(new Envelope.Define(name, shareable(configuration), me), true, false);
  }

  /** Destroys {@code name} on every other member. */
  public void destroyEverywhere(String name) {
    users.remove(name);
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
      return ClusterNode.this.call((Address) member,
          new Envelope.CacheRequest(cacheName, request));
    }

    @Override
    public void broadcast(String cacheName, Object request) {
      multicast(new Envelope.CacheRequest(cacheName, request), true, true);
    }

    @Override
    public Acknowledgements replicate(String cacheName, List<StateChange> changes, boolean sync,
        Answering call, Object answer) {
      if (call != null) {
        sendToAll(new Envelope.Changes(cacheName, changes, identity((Address) call.member()),
            call.token(), sync, new Envelope.Reply(answer)), false, false);
        return Acknowledgements.NONE;
      }
      var request = sendToAll(new Envelope.Changes(cacheName, changes), sync, false);
      return request == null ? Acknowledgements.NONE : () -> awaitAnswers(request);
    }

    @Override
    public Call call(Object primary, String cacheName, Object request, boolean confirmed) {
      var call = new Pending((Address) primary, confirmed);
      try {
        post((Address) primary, new Envelope.Call(call.token(), cacheName, request));
      } catch (RuntimeException e) {
        call.close();
        throw e;
      }
      return call;
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
    // Flags go in the options: the dispatcher replaces the message's flags with them.
    Message msg = new BytesMessage(target, codec.serialize(envelope));
    // This node installs views on the executor, after the channel did: a primary computed from
    // the old view may already be gone from the channel's. JGroups only fails a request on a view
    // change that happens while it waits, so one sent to a member already gone waited the whole
    // timeout and failed instead of being retried on the new primary (found by ProcessCrashIT).
    if (!channel.getView().containsMember(target)) {
      throw new CacheReplication.RetryException(target + " left the cluster");
    }
    byte[] answer;
    try {
      answer = dispatcher.sendMessage(msg,
          new RequestOptions(ResponseMode.GET_FIRST, settings.timeout().toMillis())
              .flags(Message.Flag.OOB));
    } catch (org.jgroups.SuspectedException | IllegalArgumentException e) {
      throw new CacheReplication.RetryException(target + " left the cluster");
    } catch (java.util.concurrent.TimeoutException e) {
      if (!channel.getView().containsMember(target)) {
        throw new CacheReplication.RetryException(target + " left the cluster while we waited");
      }
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
    GroupRequest<byte[]> request = sendToAll(envelope, sync, oob);
    if (request != null) {
      awaitAnswers(request);
    }
  }

  /**
   * Sends {@code envelope} to every other member; with {@code sync}, returns the request whose
   * answers {@link #awaitAnswers} waits for, else null. The message's place in the sender's order
   * is fixed when this returns.
   */
  private GroupRequest<byte[]> sendToAll(Object envelope, boolean sync, boolean oob) {
    List<Address> others = new ArrayList<>(view.getMembers());
    others.remove(channel.getAddress());
    // Not to members the channel's view already dropped (this node's view may lag behind it): a
    // request to one would wait the whole timeout for an answer that cannot come.
    others.retainAll(channel.getView().getMembers());
    if (others.isEmpty()) {
      return null;
    }
    Message msg = new BytesMessage(null, codec.serialize(envelope));
    RequestOptions options = new RequestOptions(sync ? ResponseMode.GET_ALL : ResponseMode.GET_NONE,
        settings.timeout().toMillis()).transientFlags(Message.TransientFlag.DONT_LOOPBACK);
    if (oob) {
      options.flags(Message.Flag.OOB);
    }
    java.util.concurrent.CompletableFuture<RspList<byte[]>> future;
    try {
      future = dispatcher.castMessageWithFuture(others, msg, options);
    } catch (Exception e) {
      throw new CacheException("Sending to cluster " + settings.name() + " failed: "
          + e.getMessage(), e);
    }
    return sync && future instanceof GroupRequest<byte[]> request ? request : null;
  }

  /**
   * Waits until every member answered {@code request} (a member that left meanwhile counts as
   * done) and rethrows the first failure.
   */
  private void awaitAnswers(GroupRequest<byte[]> request) {
    RspList<byte[]> responses = request.waitForCompletion(settings.timeout().toMillis(),
        java.util.concurrent.TimeUnit.MILLISECONDS);
    if (responses == null) {
      return;
    }
    for (Map.Entry<Address, Rsp<byte[]>> e : responses.entrySet()) {
      Rsp<byte[]> rsp = e.getValue();
      if (rsp.wasSuspected() || !rsp.wasReceived() && (!view.containsMember(e.getKey())
          || !channel.getView().containsMember(e.getKey()))) {
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

  /**
   * A command sent to {@code primary}: its answer, and in sync mode the confirmations of every
   * member of the view but this one and the primary. A member that leaves is no longer waited
   * for; if the primary leaves first, the answer or a member's copy may never come.
   */
  private final class Pending implements CacheReplication.Call {
    private final long token = tokens.incrementAndGet();
    private final Address primary;
    private final Set<Address> waiting = ConcurrentHashMap.newKeySet();
    private Object answer;
    private RuntimeException localFailure;
    private Envelope.Failure failure;
    private Address failed;

    Pending(Address primary, boolean confirmed) {
      this.primary = primary;
      if (confirmed) {
        for (Address member : channel.getView().getMembers()) {
          if (!member.equals(primary) && !member.equals(channel.getAddress())) {
            waiting.add(member);
          }
        }
      }
      pending.put(token, this);
    }

    @Override
    public long token() {
      return token;
    }

    /** @param localFailure what applying the changes that carried it here threw, or null */
    synchronized void answered(Object answer, RuntimeException localFailure) {
      this.answer = answer;
      this.localFailure = localFailure;
      notifyAll();
    }

    synchronized void confirmed(Address member, Envelope.Failure failure) {
      if (waiting.remove(member) && failure != null && this.failure == null) {
        this.failure = failure;
        this.failed = member;
      }
      notifyAll();
    }

    @Override
    public synchronized Object answer() {
      long deadline = System.currentTimeMillis() + settings.timeout().toMillis();
      while (answer == null) {
        if (!channel.getView().containsMember(primary)) {
          throw new CacheReplication.RetryException(primary + " left before it answered");
        }
        pause(deadline, () -> "Member " + primary + " of cluster " + settings.name()
            + " did not answer within " + settings.timeout().toMillis() + " ms");
      }
      Object value = unwrap(answer, primary);
      if (localFailure != null) {
        throw localFailure; // this member's own listener failed; the change itself is done
      }
      return value;
    }

    @Override
    public synchronized void awaitConfirmations() {
      long deadline = System.currentTimeMillis() + settings.timeout().toMillis();
      while (true) {
        View current = channel.getView();
        waiting.removeIf(member -> !current.containsMember(member));
        if (waiting.isEmpty()) {
          break;
        }
        if (!current.containsMember(primary)) {
          throw new CacheReplication.RetryException(primary + " left before " + waiting
              + " confirmed its changes");
        }
        pause(deadline, () -> "Members " + waiting + " of cluster " + settings.name()
            + " did not confirm a change within " + settings.timeout().toMillis() + " ms");
      }
      if (failure != null) {
        throw RemoteFailures.rebuild(failure, "on member " + failed);
      }
    }

    /** Waits (holding this monitor) at most 50 ms, so that the view is looked at now and then. */
    private void pause(long deadline, java.util.function.Supplier<String> timeout) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        throw new CacheException(timeout.get());
      }
      try {
        wait(Math.min(left, 50));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CacheException("Interrupted while waiting for member " + primary, e);
      }
    }

    @Override
    public void close() {
      pending.remove(token);
    }
  }

  /** Sends {@code envelope} to {@code target} without waiting for anything. */
  private void post(Address target, Object envelope) {
    if (!channel.getView().containsMember(target)) {
      throw new CacheReplication.RetryException(target + " left the cluster");
    }
    try {
      dispatcher.sendMessage(new BytesMessage(target, codec.serialize(envelope)),
          new RequestOptions(ResponseMode.GET_NONE, 0).flags(Message.Flag.OOB));
    } catch (Exception e) {
      if (!channel.getView().containsMember(target)) {
        throw new CacheReplication.RetryException(target + " left the cluster");
      }
      throw new CacheException("Sending to " + target + " failed: " + e.getMessage(), e);
    }
  }

  /** Runs a command another member sent and answers it, unless its changes answered it. */
  private void answerCall(Envelope.Call call, Address from) {
    Object answer;
    try {
      Object result = cacheOrRetry(call.cache()).handle(call.request(),
          new CacheReplication.Answering(from, call.token()));
      if (result == CacheReplication.ANSWERED) {
        return;
      }
      answer = new Envelope.Reply(result);
    } catch (CacheReplication.RetryException e) {
      answer = new Envelope.Retry(e.getMessage());
    } catch (Throwable t) {
      if (!(t instanceof RuntimeException)) {
        LOG.log(Level.WARNING, "Command from " + from + " failed", t);
      }
      answer = RemoteFailures.describe(t);
    }
    try {
      post(from, new Envelope.Answer(call.token(), answer));
    } catch (RuntimeException e) {
      // the caller left, or times out and retries; nothing is lost here
      LOG.log(Level.DEBUG, () -> "Could not answer " + from + ": " + e.getMessage());
    }
  }

  /** Tells {@code member} (an identity) that this member applied changes (or failed to). */
  private void confirm(String member, long token, RuntimeException failure) {
    Address target = byIdentity.get(member);
    if (target == null) {
      return; // gone: nobody waits any more
    }
    try {
      post(target, new Envelope.Confirmed(token,
          failure == null ? null : RemoteFailures.describe(failure)));
    } catch (RuntimeException e) {
      // the caller left, or times out; nothing is lost here
      LOG.log(Level.DEBUG, () -> "Could not confirm to " + member + ": " + e.getMessage());
    }
  }

  /**
   * Answers every message; never throws (a failure travels back as an envelope). Requests that
   * may wait (a command for a taken key lock or running the application's code, a primary for
   * acknowledgements) run on the manager's threads and answer later: JGroups hands over messages
   * in batches, and a handler blocking the batch's thread would hold up the very acknowledgements
   * it waits for. Commands that cannot wait ({@link TandemCacheImpl#runsWithoutWaiting}),
   * changes, definitions and readiness run right away, in the order the sender sent them.
   */
  private final class Handler implements RequestHandler {
    @Override
    public Object handle(Message msg) {
      throw new UnsupportedOperationException("asynchronous dispatching is on");
    }

    @Override
    public void handle(Message msg, Response response) {
      Object envelope;
      try {
        envelope = codec.deserialize(bytesOf(msg));
      } catch (RuntimeException e) {
        dropped(msg, e);
        answer(response, RemoteFailures.describe(e));
        return;
      }
      if (envelope instanceof Envelope.Call call) {
        TandemCacheImpl<?, ?> cache = caches.cache(call.cache());
        if (cache != null && cache.runsWithoutWaiting(call.request())) {
          answerCall(call, msg.getSrc());
        } else {
          executor.execute(() -> answerCall(call, msg.getSrc()));
        }
      } else if (envelope instanceof Envelope.CacheRequest
          || envelope instanceof Envelope.SnapshotQuery
          || envelope instanceof Envelope.DefinitionsQuery) {
        executor.execute(() -> answer(response, run(envelope, msg)));
      } else {
        answer(response, run(envelope, msg));
      }
    }

    private Object run(Object envelope, Message msg) {
      try {
        return new Envelope.Reply(dispatch(envelope, msg.getSrc()));
      } catch (CacheReplication.RetryException e) {
        return new Envelope.Retry(e.getMessage());
      } catch (Throwable t) {
        if (!(t instanceof RuntimeException)) {
          LOG.log(Level.WARNING, "Request from " + msg.getSrc() + " failed", t);
        }
        return RemoteFailures.describe(t);
      }
    }

    private void answer(Response response, Object answer) {
      if (response == null) {
        return; // asynchronous send: nobody waits
      }
      byte[] bytes;
      try {
        bytes = codec.serialize(answer);
      } catch (RuntimeException e) {
        bytes = codec.serialize(RemoteFailures.describe(e));
      }
      response.send(bytes, false);
    }
  }

  private final java.util.concurrent.atomic.AtomicLong droppedSinceLog =
      new java.util.concurrent.atomic.AtomicLong();
  private volatile long lastDropLog;

  /**
   * Logs a dropped message, at most one line per 10 seconds (with the count dropped meanwhile),
   * so that a hostile or broken peer cannot flood the log.
   */
  private void dropped(Message msg, RuntimeException e) {
    long count = droppedSinceLog.incrementAndGet();
    long now = System.nanoTime();
    if (now - lastDropLog > 10_000_000_000L) {
      lastDropLog = now;
      droppedSinceLog.set(0);
      LOG.log(Level.WARNING, "Dropped " + count + " malformed or refused message(s) on cluster "
          + settings.name() + ", the last from " + msg.getSrc() + ": " + e.getMessage());
    }
  }

  private static byte[] bytesOf(Message msg) {
    byte[] array = msg.getArray();
    return msg.getOffset() == 0 && msg.getLength() == array.length
        ? array : java.util.Arrays.copyOfRange(array, msg.getOffset(), msg.getOffset() + msg.getLength());
  }

  private Object dispatch(Object envelope, Address from) {
    if (envelope instanceof Envelope.CacheRequest r) {
      return cacheOrRetry(r.cache()).handle(r.request(), null);
    }
    if (envelope instanceof Envelope.Changes c) {
      TandemCacheImpl<?, ?> cache = caches.cache(c.cache());
      RuntimeException failure = null;
      try {
        if (cache != null) {
          cache.apply(c.changes());
        }
      } catch (RuntimeException e) {
        failure = e;
      }
      if (c.caller() != null && c.caller().equals(self)) {
        Pending call = pending.get(c.token());
        if (call != null && call.primary.equals(from)) {
          call.answered(c.answer(), failure); // after applying: this member holds its copy
        }
        return null;
      }
      if (c.caller() != null && c.confirm()) {
        confirm(c.caller(), c.token(), failure);
      }
      if (failure != null) {
        throw failure;
      }
      return null;
    }
    if (envelope instanceof Envelope.Answer a) {
      Pending call = pending.get(a.token());
      if (call != null && call.primary.equals(from)) { // only the member asked may answer
        call.answered(a.answer(), null);
      }
      return null;
    }
    if (envelope instanceof Envelope.Confirmed c) {
      Pending call = pending.get(c.token());
      if (call != null) {
        call.confirmed(from, c.failure());
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
      Map<String, Set<String>> using = new LinkedHashMap<>();
      users.forEach((name, members) -> using.put(name, new HashSet<>(members)));
      return new Envelope.Definitions(definitions, new HashSet<>(ready), using);
    }
    if (envelope instanceof Envelope.Define d) {
      caches.defineFromPeer(d.cache(), (TandemConfiguration<?, ?>) d.configuration());
      users.computeIfAbsent(d.cache(), n -> ConcurrentHashMap.newKeySet()).add(d.member());
      return null;
    }
    if (envelope instanceof Envelope.Destroy d) {
      users.remove(d.cache());
      caches.destroyFromPeer(d.cache());
      return null;
    }
    if (envelope instanceof Envelope.Interest i) {
      Set<String> set = users.computeIfAbsent(i.cache(), n -> ConcurrentHashMap.newKeySet());
      if (i.uses()) {
        set.add(i.member());
      } else if (set.remove(i.member()) && set.isEmpty() && users.remove(i.cache(), set)) {
        caches.destroyFromPeer(i.cache());
      }
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

  /** This member's join state transfer, 0 to 100. */
  public int stateTransferPercent() {
    if (ready.contains(identity(channel.getAddress()))) {
      return 100;
    }
    int total = pagesTotal;
    return total == 0 ? 0 : Math.min(99, 100 * pagesReceived / total);
  }

  /** Members ready to own keys. */
  public int readyMemberCount() {
    return ready.size();
  }

  public int segmentCount() {
    return segments.count();
  }

  public boolean isRunning() {
    return !closed && channel.isConnected();
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
