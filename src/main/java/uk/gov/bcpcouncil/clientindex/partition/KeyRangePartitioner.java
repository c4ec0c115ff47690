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
 * Splits a table's rows into up to {@code gridSize} contiguous ranges of its key, of about equal row counts:
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

    /**
     * @param owner  the partitioned (manager) step's name, also naming the partitions
     * @param filter a SQL condition with {@code ?} placeholders, or {@code null}
     */
    public KeyRangePartitioner(String owner, DataSource dataSource, String table, String key, String filter,
            Object... filterValues) {
        this.owner = owner;
        this.dataSource = dataSource;
        this.table = table;
        this.key = key;
        this.filter = filter;
        this.filterValues = filterValues;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        String where = filter == null ? "" : " WHERE " + filter;
        long rows = jdbc.queryForObject("SELECT COUNT(*) FROM " + table + where, Long.class, filterValues);
        long per = Math.max(1, (rows + gridSize - 1) / gridSize);
        Object[] args = new Object[filterValues.length + 1];
        System.arraycopy(filterValues, 0, args, 0, filterValues.length);
        args[filterValues.length] = per;
        List<Object> starts = new ArrayList<>(jdbc.queryForList("SELECT k FROM (SELECT " + key + " AS k, ROW_NUMBER()"
                + " OVER (ORDER BY " + key + ") AS rn FROM " + table + where + ") t WHERE MOD(rn - 1, ?) = 0 ORDER BY k",
                Object.class, args));
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        if (starts.isEmpty()) {
            starts.add(null); // an empty table: one partition reading everything (nothing)
        }
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
