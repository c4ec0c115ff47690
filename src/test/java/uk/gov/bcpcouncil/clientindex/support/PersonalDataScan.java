package uk.gov.bcpcouncil.clientindex.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

import uk.gov.bcpcouncil.clientindex.extract.ChristchurchFormat;

/**
 * Every first name, surname, date of birth and NHS number in the three legacy sources, and a scan of a text
 * (a run log, a console output, a status file) for any of them. Names are the tokens of four letters or more
 * (shorter ones, such as "Ava", occur inside ordinary words); dates are in each source's own format and in ISO
 * and basic ISO form; the run date is left out (it names the run).
 */
public final class PersonalDataScan {

    private final Set<String> names = new TreeSet<>();
    private final Set<String> numbers = new TreeSet<>();

    private PersonalDataScan() {
    }

    public static PersonalDataScan of(DataSource bournemouth, DataSource poole, Path christchurchDir)
            throws IOException {
        PersonalDataScan scan = new PersonalDataScan();
        new JdbcTemplate(bournemouth).query(
                "SELECT forename, middle_names, surname, known_as, date_of_birth, nhs_no FROM client", rs -> {
                    for (int i = 1; i <= 4; i++) {
                        scan.addNames(rs.getString(i));
                    }
                    scan.addDate(rs.getString(5), DateTimeFormatter.ofPattern("dd/MM/uuuu"));
                    scan.addNhs(rs.getString(6));
                });
        JdbcTemplate p = new JdbcTemplate(poole);
        p.query("SELECT given_names, family_name, preferred_name, birth_date::text, nhs_number FROM poole.person",
                rs -> {
                    for (int i = 1; i <= 3; i++) {
                        scan.addNames(rs.getString(i));
                    }
                    scan.addDate(rs.getString(4), DateTimeFormatter.ISO_LOCAL_DATE);
                    scan.addNhs(rs.getString(5));
                });
        p.query("SELECT given_names, family_name FROM poole.person_alias", rs -> {
            scan.addNames(rs.getString(1));
            scan.addNames(rs.getString(2));
        });
        try (Stream<Path> files = Files.list(christchurchDir)) {
            Path clients = files.filter(f -> f.getFileName().toString().startsWith("christchurch_clients_"))
                    .findFirst().orElseThrow();
            List<String> lines = new String(Files.readAllBytes(clients), ChristchurchFormat.CHARSET).lines().toList();
            for (String line : lines.subList(1, lines.size() - 1)) {
                String[] v = ChristchurchFormat.split(line);
                if (v.length == ChristchurchFormat.CLIENT_COLUMNS.size()) {
                    scan.addNames(v[1] + " " + v[2] + " " + v[3]);
                    scan.addDate(v[4], DateTimeFormatter.BASIC_ISO_DATE);
                    scan.addNhs(v[7]);
                }
            }
        }
        return scan;
    }

    public int names() {
        return names.size();
    }

    public int datesAndNumbers() {
        return numbers.size();
    }

    /** Adds values of a test's own making (an injected bad value) to look for. */
    public PersonalDataScan alsoLookFor(String... values) {
        for (String v : values) {
            numbers.add(v);
        }
        return this;
    }

    /**
     * The personal values found in {@code text}: a name as a whole word (any case), a date or number not
     * preceded or followed by a digit.
     */
    public List<String> foundIn(String text) {
        List<String> found = new ArrayList<>();
        Set<String> words = new java.util.HashSet<>();
        for (String token : text.split("[^\\p{L}]+")) {
            words.add(token.toLowerCase(Locale.ROOT));
        }
        for (String name : names) {
            if (words.contains(name)) {
                found.add(name);
            }
        }
        for (String value : numbers) {
            for (int at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
                int end = at + value.length();
                boolean digitBefore = at > 0 && Character.isDigit(text.charAt(at - 1));
                boolean digitAfter = end < text.length() && Character.isDigit(text.charAt(end));
                if (!digitBefore && !digitAfter) {
                    found.add(value);
                    break;
                }
            }
        }
        return found;
    }

    private void addNames(String text) {
        if (text == null) {
            return;
        }
        for (String token : text.split("[^\\p{L}]+")) {
            if (token.length() >= 4) {
                names.add(token.toLowerCase(Locale.ROOT));
            }
        }
    }

    private void addDate(String text, DateTimeFormatter format) {
        if (text == null || text.isBlank()) {
            return;
        }
        try {
            LocalDate date = LocalDate.parse(text.trim(), format);
            if (!date.equals(LocalDate.of(2026, 11, 26)) && !date.equals(LocalDate.now())) {
                numbers.add(text.trim());
                numbers.add(date.toString());
                numbers.add(date.format(DateTimeFormatter.BASIC_ISO_DATE));
            }
        } catch (java.time.format.DateTimeParseException e) {
            // an impossible date as typed ('31/02/2015'): not a date anyone could be identified by
        }
    }

    private void addNhs(String text) {
        if (text == null) {
            return;
        }
        String digits = text.replaceAll("\\D", "");
        if (digits.length() == 10) {
            numbers.add(digits);
            numbers.add(digits.substring(0, 3) + " " + digits.substring(3, 6) + " " + digits.substring(6));
        }
    }
}
