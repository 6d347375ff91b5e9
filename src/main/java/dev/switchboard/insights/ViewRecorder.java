package dev.switchboard.insights;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.scheduler.Scheduled;

/**
 * Records that a person's browser showed a magic link's page (the page's beacon, never a bare GET a mail scanner
 * makes). A viewer is counted once a day by a hash of the day's salt, the address and the user agent: nothing that
 * names the viewer is stored, and once the day's salt is deleted (its row expires at the end of the day, and
 * {@link #purgeExpiredSalts} removes it) no hash of that day can be tied to a viewer any more, nor to another day's.
 * Salts live in PostgreSQL so every instance hashes one viewer alike.
 */
@ApplicationScoped
public class ViewRecorder {

    /** A salt outlives its day by this much, for a request that started just before midnight. */
    static final Duration GRACE = Duration.ofMinutes(5);

    @Inject
    DataSource db;
    @Inject
    Clock clock;

    private SecureRandom random;

    /** Counts one page view of the link; the caller has checked that the link exists and the beacon is genuine. */
    @Transactional
    public void record(String magicLinkId, String address, String userAgent) {
        Instant now = clock.instant();
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        byte[] hash = viewerHash(salt(day), address, userAgent);
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("""
                insert into magic_link_view as v (magic_link_id, day, viewer_hash) values (?, ?, ?)
                on conflict (magic_link_id, day, viewer_hash) do update set views = v.views + 1""")) {
            s.setString(1, magicLinkId);
            s.setObject(2, day);
            s.setBytes(3, hash);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes the salts of days that are over, on every instance (idempotent); forgets them here too. */
    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void purgeExpiredSalts() {
        Instant now = clock.instant();
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("delete from magic_link_view_salt where expires_at <= ?")) {
            s.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] viewerHash(byte[] salt, String address, String userAgent) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update((address == null ? "" : address).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update((userAgent == null ? "" : userAgent).getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(sha.digest(), 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /**
     * The day's salt: the stored one, or a new one stored first (the first instance to store it wins). Not cached in
     * memory: a salt is only ever the one PostgreSQL holds, and it is gone from everywhere once purged.
     */
    private byte[] salt(LocalDate day) {
        byte[] fresh = new byte[32];
        random().nextBytes(fresh);
        try (Connection c = db.getConnection();
                PreparedStatement insert = c.prepareStatement(
                        """
                                insert into magic_link_view_salt (day, salt, expires_at) values (?, ?, ?) on conflict (day) do nothing""");
                PreparedStatement select = c.prepareStatement("select salt from magic_link_view_salt where day = ?")) {
            insert.setObject(1, day);
            insert.setBytes(2, fresh);
            insert.setObject(3, OffsetDateTime.ofInstant(expiry(day), ZoneOffset.UTC));
            insert.executeUpdate();
            select.setObject(1, day);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getBytes(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Instant expiry(LocalDate day) {
        return day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).plus(GRACE);
    }

    private synchronized SecureRandom random() {
        if (random == null) {
            random = new SecureRandom();
        }
        return random;
    }
}
