package uk.gov.bcpcouncil.clientindex.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

import uk.gov.bcpcouncil.clientindex.support.TestDatabases;
import uk.gov.bcpcouncil.clientindex.support.TestEnvironment;

/**
 * The key ranges of {@link KeyRangePartitioner} on PostgreSQL and MariaDB: for tables of 0 to 1,000 rows (numeric
 * and text keys, with and without a filter) and grids of 1 to 5, partition {@code i} starts at the key in position
 * {@code i * per} of the key order ({@code per} = rows / ranges, rounded up; ranges = the grid, or for a finer
 * partitioner one per so many rows within its bounds), the ranges are contiguous, and together they hold every row
 * once.
 */
class KeyRangePartitionerIntegrationTest {

    static TestEnvironment env;

    @BeforeAll
    static void start() {
        env = TestDatabases.newEnvironment();
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    @Test
    void numericKeysOnMariaDb() {
        check(env.bournemouthAdmin(), "BIGINT");
    }

    @Test
    void numericKeysOnPostgreSql() {
        check(env.pooleAdmin(), "BIGINT");
    }

    @Test
    void textKeysOnPostgreSql() {
        check(env.pooleAdmin(), "VARCHAR(20)");
    }

    private static void check(DataSource ds, String keyType) {
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        Random random = new Random(20261207);
        for (int rows : new int[] { 0, 1, 2, 7, 100, 1000 }) {
            jdbc.execute("DROP TABLE IF EXISTS ci_test_ranges");
            jdbc.execute("CREATE TABLE ci_test_ranges (k " + keyType + " PRIMARY KEY, f VARCHAR(10) NOT NULL)");
            List<Object[]> values = new ArrayList<>();
            java.util.Set<Long> used = new java.util.HashSet<>();
            while (values.size() < rows) {
                long k = random.nextInt(1_000_000);
                if (used.add(k)) {
                    values.add(new Object[] { keyType.startsWith("VARCHAR") ? "K" + k : (Object) k,
                            random.nextBoolean() ? "a" : "b" });
                }
            }
            jdbc.batchUpdate("INSERT INTO ci_test_ranges (k, f) VALUES (?, ?)", values);
            for (int grid = 1; grid <= 5; grid++) {
                assertRanges(jdbc, ds, null, grid, 1, 1);
                assertRanges(jdbc, ds, "f", grid, 1, 1);
                // up to four ranges per partition of the grid, of ten rows at least (mapRecords' kind)
                assertRanges(jdbc, ds, null, grid, 4, 10);
                assertRanges(jdbc, ds, "f", grid, 4, 10);
            }
        }
        jdbc.execute("DROP TABLE ci_test_ranges");
    }

    @Test
    void aFinerPartitionerMakesOneRangePerMinimumRowsWithinItsBounds() {
        assertThat(KeyRangePartitioner.ranges(2, 1_341_281, 16, 20_000)).as("a million children: the most").isEqualTo(32);
        assertThat(KeyRangePartitioner.ranges(2, 402_419, 16, 20_000)).as("300,000 children").isEqualTo(20);
        assertThat(KeyRangePartitioner.ranges(2, 2_000, 16, 20_000)).as("fewer rows: one per partition").isEqualTo(2);
        assertThat(KeyRangePartitioner.ranges(3, 0, 16, 20_000)).isEqualTo(3);
        assertThat(KeyRangePartitioner.ranges(4, 1_000, 1, 1)).as("the plain partitioner: the grid").isEqualTo(4);
    }

    /**
     * The partitioner's ranges (up to {@code perGrid} per partition of the grid, of {@code minRows} rows at least)
     * against the key order the database gives, with or without the filter f = 'a'.
     */
    private static void assertRanges(JdbcTemplate jdbc, DataSource ds, String filtered, int grid, int perGrid,
            long minRows) {
        String filter = filtered == null ? null : "f = ?";
        Object[] values = filtered == null ? new Object[0] : new Object[] { "a" };
        List<Object> keys = jdbc.queryForList("SELECT k FROM ci_test_ranges" + (filter == null ? "" : " WHERE " + filter)
                + " ORDER BY k", Object.class, values);
        KeyRangePartitioner partitioner = perGrid == 1 && minRows == 1
                ? new KeyRangePartitioner("owner", ds, "ci_test_ranges", "k", filter, values)
                : new KeyRangePartitioner("owner", ds, "ci_test_ranges", "k", perGrid, minRows, filter, values);
        Map<String, ExecutionContext> partitions = partitioner.partition(grid);

        int ranges = KeyRangePartitioner.ranges(grid, keys.size(), perGrid, minRows);
        int per = Math.max(1, (keys.size() + ranges - 1) / ranges);
        Map<String, List<Object>> expected = new LinkedHashMap<>();
        for (int i = 0, at = 0; at < Math.max(1, keys.size()); i++, at += per) {
            List<Object> range = new ArrayList<>();
            range.add(i == 0 ? null : keys.get(at));
            range.add(at + per < keys.size() ? keys.get(at + per) : null);
            expected.put("owner-" + i, numbersAsLong(range));
        }
        Map<String, List<Object>> actual = new LinkedHashMap<>();
        long covered = 0;
        for (Map.Entry<String, ExecutionContext> p : partitions.entrySet()) {
            ExecutionContext c = p.getValue();
            assertThat(c.getString(KeyRangePartitioner.OWNER)).isEqualTo("owner");
            Object from = c.get(KeyRangePartitioner.FROM);
            Object to = c.get(KeyRangePartitioner.TO);
            List<Object> range = new ArrayList<>();
            range.add(from);
            range.add(to);
            actual.put(p.getKey(), numbersAsLong(range));
            List<Object> args = new ArrayList<>(List.of(values));
            StringBuilder where = new StringBuilder(filter == null ? "1 = 1" : filter);
            if (from != null) {
                where.append(" AND k >= ?");
                args.add(from);
            }
            if (to != null) {
                where.append(" AND k < ?");
                args.add(to);
            }
            covered += jdbc.queryForObject("SELECT COUNT(*) FROM ci_test_ranges WHERE " + where, Long.class,
                    args.toArray());
        }
        assertThat(actual).as("%d rows, grid %d, %d per grid, filter %s", keys.size(), grid, perGrid, filter)
                .isEqualTo(expected);
        assertThat(covered).as("rows in the ranges, %d rows, grid %d", keys.size(), grid).isEqualTo(keys.size());
    }

    /** Numeric keys as Long (the drivers give Long or Integer), text keys as they are. */
    private static List<Object> numbersAsLong(List<Object> keys) {
        List<Object> out = new ArrayList<>();
        for (Object k : keys) {
            out.add(k instanceof Number n ? Long.valueOf(n.longValue()) : k);
        }
        return out;
    }
}
