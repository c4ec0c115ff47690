package uk.gov.bcpcouncil.clientindex.partition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Splits a table's rows into up to {@code gridSize} contiguous ranges of its key (or more, see {@link #ranges}), of
 * about equal row counts:
 * partition {@code i} holds the keys from {@link #FROM} (inclusive) to {@link #TO} (exclusive; absent for the
 * last). The boundaries are computed once, when the partitioned step first runs, and stored in each
 * partition's ExecutionContext with its reader's checkpoint, so a restart reruns an unfinished partition over
 * the same range from its own checkpoint. Table, key and filter are code constants (never data); filter
 * values are bound parameters. Partition names are {@code <owner>-<i>}: unique per partitioned step, since
 * all the extract steps share one worker step. The ranges must stay contiguous (TO of partition {@code i} is
 * FROM of partition {@code i+1}): {@link PartitionContextRecovery} rebuilds a lost range from its neighbours'.
 * Thread-safe.
 */
public class KeyRangePartitioner implements Partitioner {

    public static final String OWNER = "partition.owner";
    public static final String FROM = "partition.from";
    public static final String TO = "partition.to";

    private final String owner;
    private final DataSource dataSource;
    private final String table;
    private final String key;
    private final String filter;
    private final Object[] filterValues;
    private final int rangesPerGrid;
    private final long minRows;

    /**
     * @param owner  the partitioned (manager) step's name, also naming the partitions
     * @param filter a SQL condition with {@code ?} placeholders, or {@code null}
     */
    public KeyRangePartitioner(String owner, DataSource dataSource, String table, String key, String filter,
            Object... filterValues) {
        this(owner, dataSource, table, key, 1, 1, filter, filterValues);
    }

    /**
     * A partitioner of up to {@code rangesPerGrid} ranges per partition of the grid, each of at least {@code minRows}
     * rows, and never fewer ranges than the grid ({@link #ranges}): for a step whose ranges cost unequal amounts, run
     * {@code gridSize} at a time, so that whichever thread or worker is free takes the next.
     */
    public KeyRangePartitioner(String owner, DataSource dataSource, String table, String key, int rangesPerGrid,
            long minRows, String filter, Object... filterValues) {
        this.owner = owner;
        this.dataSource = dataSource;
        this.table = table;
        this.key = key;
        this.filter = filter;
        this.filterValues = filterValues;
        this.rangesPerGrid = rangesPerGrid;
        this.minRows = minRows;
    }

    /**
     * How many ranges {@code rows} rows make for a grid of {@code gridSize}: as many as {@code rows / minRows}, at least
     * {@code gridSize}, at most {@code gridSize * rangesPerGrid}.
     */
    static int ranges(int gridSize, long rows, int rangesPerGrid, long minRows) {
        return (int) Math.max(gridSize, Math.min((long) gridSize * rangesPerGrid, rows / Math.max(1, minRows)));
    }

    /**
     * The boundaries: after the count, each partition's first key is found by stepping {@code per} keys on from the
     * one before in key order ({@code ORDER BY key LIMIT 1 OFFSET per}), on the key's index, which reads the keys
     * skipped and nothing else. Numbering every row in key order instead ({@code ROW_NUMBER()}) sorted the whole table:
     * at a million children the staging's person keys took 3.2 s that way and 0.4-0.5 s this way, the same boundary.
     * The key is unique (a primary key, or the staging's unique person key).
     */
    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        String where = filter == null ? "" : " WHERE " + filter;
        long rows = jdbc.queryForObject("SELECT COUNT(*) FROM " + table + where, Long.class, filterValues);
        int ranges = ranges(gridSize, rows, rangesPerGrid, minRows);
        long per = Math.max(1, (rows + ranges - 1) / ranges);
        List<Object> starts = new ArrayList<>();
        starts.add(null); // the first partition: open below
        String first = "SELECT " + key + " FROM " + table + where + " ORDER BY " + key + " LIMIT 1 OFFSET ?";
        String next = "SELECT " + key + " FROM " + table + " WHERE " + (filter == null ? "" : "(" + filter + ") AND ")
                + key + " >= ? ORDER BY " + key + " LIMIT 1 OFFSET ?";
        for (long at = per; at < rows; at += per) {
            List<Object> args = new ArrayList<>(List.of(filterValues));
            if (starts.size() > 1) {
                args.add(starts.get(starts.size() - 1));
            }
            args.add(per);
            starts.add(jdbc.queryForObject(starts.size() > 1 ? next : first, Object.class, args.toArray()));
        }
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        for (int i = 0; i < starts.size(); i++) {
            ExecutionContext context = new ExecutionContext();
            context.putString(OWNER, owner);
            if (i > 0) {
                context.put(FROM, starts.get(i));
            }
            if (i + 1 < starts.size()) {
                context.put(TO, starts.get(i + 1));
            }
            partitions.put(owner + "-" + i, context);
        }
        return partitions;
    }
}
