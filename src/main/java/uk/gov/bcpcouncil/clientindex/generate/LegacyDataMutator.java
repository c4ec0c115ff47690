package uk.gov.bcpcouncil.clientindex.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

import uk.gov.bcpcouncil.clientindex.extract.ChristchurchDelivery;
import uk.gov.bcpcouncil.clientindex.extract.ChristchurchFormat;

/**
 * Changes a share of the generated legacy records, as the live systems do between two runs: in Bournemouth
 * and Poole, of the active person records picked, about a fifth each get a corrected date of birth (one day
 * later), a new family name (a surname change: may split a child's client), a soft delete, a hard delete (with
 * the person's other rows), or a new exact duplicate record; every change stamps {@code updated_on} (local
 * Europe/London time) or {@code last_modified} with the time of the change. Christchurch gets a new delivery
 * dated a day after the newest: the same records except that the picked ones are missing (deleted there) or
 * have a new surname.
 * <p>Deterministic for a seed and the same data; changes the legacy databases: for test systems only.
 * Not thread-safe.
 */
public final class LegacyDataMutator {

    /** What was changed, per kind. */
    public record Changes(int bournemouth, int poole, int christchurchRemoved, int christchurchChanged,
            Path delivery) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "Bournemouth %d records changed, Poole %d, Christchurch %d missing from"
                    + " the new delivery and %d changed (%s)", bournemouth, poole, christchurchRemoved,
                    christchurchChanged, delivery.getFileName());
        }
    }

    private static final DateTimeFormatter DMY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    public Changes mutate(double percent, long seed, DataSource bournemouth, DataSource poole, Path christchurchDir) {
        SplittableRandom random = new SplittableRandom(seed);
        LocalDateTime now = LocalDateTime.now(ZoneId.of("Europe/London")).truncatedTo(ChronoUnit.SECONDS);
        int b = mutateBournemouth(new JdbcTemplate(bournemouth), percent, random.split(), now);
        int p = mutatePoole(new JdbcTemplate(poole), percent, random.split());
        try {
            return christchurch(christchurchDir, percent, random.split(), b, p);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the new Christchurch delivery", e);
        }
    }

    private static List<String> pick(List<String> ids, double percent, SplittableRandom random) {
        List<String> picked = new ArrayList<>();
        int n = (int) Math.max(percent > 0 ? 1 : 0, Math.round(ids.size() * percent / 100));
        List<String> pool = new ArrayList<>(ids);
        for (int i = 0; i < n && !pool.isEmpty(); i++) {
            int k = random.nextInt(pool.size());
            picked.add(pool.get(k));
            pool.set(k, pool.get(pool.size() - 1));
            pool.remove(pool.size() - 1);
        }
        picked.sort(null);
        return picked;
    }

    private int mutateBournemouth(JdbcTemplate db, double percent, SplittableRandom random, LocalDateTime now) {
        List<String> ids = db.queryForList("SELECT CAST(client_id AS CHAR) FROM client WHERE record_status = 'A'"
                + " ORDER BY client_id", String.class);
        long next = db.queryForObject("SELECT COALESCE(MAX(client_id), 0) FROM client", Long.class) + 1;
        LocalDateTime newest = db.queryForObject("SELECT MAX(updated_on) FROM client", LocalDateTime.class);
        if (newest != null && !now.isAfter(newest)) {
            now = newest.plusSeconds(1); // a change is always stamped after every earlier one
        }
        List<String> picked = pick(ids, percent, random);
        for (String id : picked) {
            switch (random.nextInt(5)) {
                case 0 -> {
                    String dob = db.queryForObject("SELECT date_of_birth FROM client WHERE client_id = ?", String.class,
                            Long.parseLong(id));
                    String corrected;
                    try {
                        corrected = LocalDate.parse(dob, DMY).plusDays(1).format(DMY);
                    } catch (RuntimeException e) {
                        corrected = "01/01/2015";
                    }
                    db.update("UPDATE client SET date_of_birth = ?, updated_on = ? WHERE client_id = ?", corrected, now,
                            Long.parseLong(id));
                }
                case 1 -> db.update("UPDATE client SET surname = CONCAT(COALESCE(surname, ''), '-Whitcombe'),"
                        + " updated_on = ? WHERE client_id = ?", now, Long.parseLong(id));
                case 2 -> db.update("UPDATE client SET record_status = 'D', updated_on = ? WHERE client_id = ?", now,
                        Long.parseLong(id));
                case 3 -> {
                    db.update("DELETE FROM client_address WHERE client_id = ?", Long.parseLong(id));
                    db.update("DELETE FROM client_involvement WHERE client_id = ?", Long.parseLong(id));
                    db.update("DELETE FROM client WHERE client_id = ?", Long.parseLong(id));
                }
                default -> db.update("INSERT INTO client (client_id, title, forename, middle_names, surname, known_as,"
                        + " date_of_birth, dob_estimated, gender, nhs_no, upn, ethnicity, date_of_death, record_status,"
                        + " merged_into, created_on, updated_on) SELECT ?, title, forename, middle_names, surname, known_as,"
                        + " date_of_birth, dob_estimated, gender, nhs_no, upn, ethnicity, date_of_death, 'A', NULL, ?, ?"
                        + " FROM client WHERE client_id = ?", next++, now, now, Long.parseLong(id));
            }
        }
        return picked.size();
    }

    private int mutatePoole(JdbcTemplate db, double percent, SplittableRandom random) {
        List<String> ids = db.queryForList("SELECT person_ref FROM poole.person WHERE NOT is_deleted ORDER BY person_ref",
                String.class);
        long next = db.queryForObject("SELECT COALESCE(MAX(CAST(SUBSTRING(person_ref, 2) AS BIGINT)), 0) FROM poole.person",
                Long.class) + 1;
        java.time.OffsetDateTime now = db.queryForObject("SELECT GREATEST(now(), MAX(last_modified) + INTERVAL '1 second')"
                + " FROM poole.person", java.time.OffsetDateTime.class);
        List<String> picked = pick(ids, percent, random);
        for (String id : picked) {
            switch (random.nextInt(5)) {
                case 0 -> db.update("UPDATE poole.person SET birth_date = birth_date + 1, last_modified = ?"
                        + " WHERE person_ref = ?", now, id);
                case 1 -> db.update("UPDATE poole.person SET family_name = COALESCE(family_name, '') || '-Whitcombe',"
                        + " last_modified = ? WHERE person_ref = ?", now, id);
                case 2 -> db.update("UPDATE poole.person SET is_deleted = TRUE, last_modified = ? WHERE person_ref = ?",
                        now, id);
                case 3 -> {
                    db.update("DELETE FROM poole.person_alias WHERE person_ref = ?", id);
                    db.update("DELETE FROM poole.person_address WHERE person_ref = ?", id);
                    db.update("DELETE FROM poole.episode WHERE person_ref = ?", id);
                    db.update("DELETE FROM poole.person WHERE person_ref = ?", id);
                }
                default -> db.update("INSERT INTO poole.person (person_ref, given_names, family_name, preferred_name,"
                        + " birth_date, birth_date_kind, sex, nhs_number, upn, ethnic_origin, deceased_date, is_deleted,"
                        + " last_modified) SELECT ?, given_names, family_name, preferred_name, birth_date, birth_date_kind,"
                        + " sex, nhs_number, upn, ethnic_origin, deceased_date, FALSE, ? FROM poole.person"
                        + " WHERE person_ref = ?", String.format(Locale.ROOT, "P%07d", next++), now, id);
            }
        }
        return picked.size();
    }

    private Changes christchurch(Path dir, double percent, SplittableRandom random, int b, int p) throws IOException {
        ChristchurchDelivery newest = newest(dir);
        List<String> ids = new ArrayList<>();
        dataLines(newest.clientsFile()).forEach(l -> ids.add(l.substring(0, l.indexOf('|'))));
        java.util.Set<String> removed = new java.util.TreeSet<>();
        java.util.Set<String> renamed = new java.util.TreeSet<>();
        for (String id : pick(ids, percent, random)) {
            (random.nextBoolean() ? removed : renamed).add(id);
        }
        Path file = redeliver(dir, removed, renamed);
        return new Changes(b, p, removed.size(), renamed.size(), file);
    }

    private static ChristchurchDelivery newest(Path dir) throws IOException {
        return ChristchurchDelivery.newestComplete(dir)
                .orElseThrow(() -> new IllegalStateException("no complete Christchurch delivery in " + dir));
    }

    /**
     * Writes a new Christchurch delivery dated a day after the newest one: the same lines, without the
     * clients (and their involvements) in {@code removed}, and with a new surname for those in {@code renamed}.
     *
     * @return the new clients file
     */
    public static Path redeliver(Path dir, java.util.Set<String> removed, java.util.Set<String> renamed)
            throws IOException {
        ChristchurchDelivery newest = newest(dir);
        LocalDate date = LocalDate.parse(newest.date(), DateTimeFormatter.BASIC_ISO_DATE).plusDays(1);
        try (ChristchurchDeliveryWriter out = ChristchurchDeliveryWriter.create(dir, date)) {
            for (String line : dataLines(newest.clientsFile())) {
                String[] f = line.split("\\|", -1);
                if (removed.contains(f[0])) {
                    continue;
                }
                if (renamed.contains(f[0])) {
                    f[1] = f[1] + "-Whitcombe";
                }
                out.writeClient(new ChristchurchDeliveryWriter.Client(Long.parseLong(f[0]), f[1], f[2], f[3], f[4], f[5],
                        f[6], f[7], f[8], f[9], f[10], f[11], f[12], f[13]));
            }
            for (String line : dataLines(newest.involvementsFile())) {
                String[] f = line.split("\\|", -1);
                if (!removed.contains(f[0])) {
                    out.writeInvolvement(new ChristchurchDeliveryWriter.Involvement(Long.parseLong(f[0]), f[1], f[2],
                            f[3], f[4]));
                }
            }
        }
        return ChristchurchDeliveryWriter.clientsFile(dir, date);
    }

    /** The data lines of a delivery file: without the header and the trailer. */
    private static List<String> dataLines(Path file) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file, ChristchurchFormat.CHARSET));
        lines.remove(0);
        lines.removeIf(l -> l.startsWith(ChristchurchFormat.TRAILER_TAG + "|") || l.isEmpty());
        return lines;
    }
}
