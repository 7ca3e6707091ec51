package dev.taos.host.it;

import java.util.ArrayList;
import java.util.List;
import org.testcontainers.containers.Network;

/**
 * Disposable Incus hosts on one Docker network of their own, joined into a cluster the way Incus documents it: the
 * first enables clustering on its address, each other one joins with a token through {@code incus admin init
 * --preseed}. Members are named m1, m2, ...; traffic stays on the network between them.
 */
final class IncusCluster implements AutoCloseable {

    private final Network network = Network.newNetwork();
    private final List<IncusHost> members = new ArrayList<>();

    IncusCluster(int size) {
        for (int i = 1; i <= size; i++) {
            members.add(new IncusHost().withNetwork(network).withNetworkAliases("m" + i));
        }
    }

    /** Member {@code n}, counted from 1. */
    IncusHost member(int n) {
        return members.get(n - 1);
    }

    void start() {
        members.parallelStream().forEach(IncusHost::start);
        IncusHost first = member(1);
        first.sh("incus config set core.https_address " + address(first) + ":8443 && incus cluster enable m1");
        for (int n = 2; n <= members.size(); n++) {
            String token =
                    first.sh("incus cluster add m" + n + " --quiet").stdout().strip();
            member(n)
                    .sh("printf 'cluster:\\n  enabled: true\\n  server_name: m" + n + "\\n  server_address: "
                            + address(member(n)) + ":8443\\n  cluster_address: " + address(first)
                            + ":8443\\n  cluster_token: " + token + "\\n' | incus admin init --preseed");
        }
        awaitSettled();
    }

    /**
     * Every member online and the database roles settled (a member that just joined or came back is a standby for a
     * while).
     */
    private void awaitSettled() {
        String roles = "incus query /1.0/cluster/members?recursion=1";
        member(1)
                .sh("for i in $(seq 1 90); do [ \"$(incus cluster list -f csv -c s | grep -c ONLINE)\" = "
                        + members.size() + " ]"
                        + " && ! " + roles + " | grep -q standby && [ \"$(" + roles
                        + " | grep -c '^[[:space:]]*\"database\",\\?$')\" = " + Math.min(members.size(), 3) + " ]"
                        + " && exit 0; sleep 1; done; incus cluster list >&2; exit 1");
        // A member that came back can answer "Server isn't ready yet" to requests forwarded by another member for a
        // while
        // after the leader sees it online: wait until every member reaches every other.
        StringBuilder all = new StringBuilder();
        for (int n = 1; n <= members.size(); n++) {
            all.append(" && incus query '/1.0?target=m").append(n).append("' >/dev/null 2>&1");
        }
        for (IncusHost member : members) {
            member.sh("for i in $(seq 1 120); do true" + all
                    + " && exit 0; sleep 1; done; echo 'a member stays unreachable from here' >&2; exit 1");
        }
    }

    /** Stops member {@code n}'s daemon cleanly and waits until member 1 sees it OFFLINE. */
    void stopDaemon(int n) {
        member(n).sh("pkill -TERM -x incusd; while pgrep -x incusd >/dev/null; do sleep 0.2; done");
        member(1)
                .sh("for i in $(seq 1 90); do incus cluster list -f csv -c n,s | grep -q '^m" + n
                        + ",OFFLINE' && exit 0; sleep 1; done; exit 1");
    }

    /** Starts member {@code n}'s daemon again and waits until the cluster has settled with it. */
    void startDaemon(int n) {
        member(n)
                .sh("(nohup /usr/libexec/incus/incusd --group root >/var/log/incusd.log 2>&1 &) && incus admin "
                        + "waitready --timeout=60");
        awaitSettled();
    }

    /**
     * A dir pool {@code name} on every member and the default profile's root on it, the busybox image, and one instance
     * per member given: {@code instances[i]} on member i+1 (null for none).
     */
    void dirPoolWithInstances(String name, String... instances) {
        IncusHost first = member(1);
        for (int n = 1; n <= members.size(); n++) {
            first.sh("incus storage create " + name + " dir --target m" + n);
        }
        first.sh("incus storage create " + name + " dir && incus profile device add default root disk path=/ pool="
                + name + " && incus image import " + IncusHost.BUSYBOX_IMAGE + " --alias busybox");
        for (int i = 0; i < instances.length; i++) {
            if (instances[i] != null) {
                first.sh("incus launch busybox " + instances[i] + " --target m" + (i + 1));
            }
        }
    }

    /** The member's address on the cluster's own network (not Docker's default bridge). */
    private String address(IncusHost host) {
        return host.getContainerInfo().getNetworkSettings().getNetworks().values().stream()
                .filter(n -> network.getId().equals(n.getNetworkID()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "Failed to find an Incus host on the cluster's network " + network.getId()))
                .getIpAddress();
    }

    /** Instances and pools go while every member still answers (a pool is deleted cluster-wide), then the hosts. */
    @Override
    public void close() {
        if (!members.isEmpty() && member(1).isRunning()) {
            member(1).exec("sh", "-c", """
                    for i in $(incus list --all-projects -c n -f csv); do incus delete -f "$i"; done
                    incus profile device remove default root 2>/dev/null
                    incus image list -c f -f csv | while read -r f; do incus image delete "$f"; done
                    for p in $(incus storage list -f csv -c n); do incus storage delete "$p"; done
                    """);
        }
        for (int n = members.size(); n >= 1; n--) {
            member(n).stop();
        }
        network.close();
    }
}
