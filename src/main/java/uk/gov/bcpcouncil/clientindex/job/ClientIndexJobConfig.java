package uk.gov.bcpcouncil.clientindex.job;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.file.FlatFileItemReader;
import org.springframework.batch.infrastructure.item.file.builder.FlatFileItemReaderBuilder;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.MessageChannel;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

import uk.gov.bcpcouncil.clientindex.SourceSystem;
import uk.gov.bcpcouncil.clientindex.config.ClientIndexProperties;
import uk.gov.bcpcouncil.clientindex.config.DataSourceConfig;
import uk.gov.bcpcouncil.clientindex.extract.CarryOverTasklet;
import uk.gov.bcpcouncil.clientindex.extract.ChristchurchFormat;
import uk.gov.bcpcouncil.clientindex.extract.RecordWatermarksTasklet;
import uk.gov.bcpcouncil.clientindex.extract.ChristchurchLineMapper;
import uk.gov.bcpcouncil.clientindex.extract.Entity;
import uk.gov.bcpcouncil.clientindex.extract.IndexStagingTasklet;
import uk.gov.bcpcouncil.clientindex.extract.LegacyReaders;
import uk.gov.bcpcouncil.clientindex.extract.ChangedRowsReader;
import uk.gov.bcpcouncil.clientindex.extract.LegacyTable;
import uk.gov.bcpcouncil.clientindex.extract.StagedRow;
import uk.gov.bcpcouncil.clientindex.extract.StagingWriter;
import uk.gov.bcpcouncil.clientindex.extract.VerifyChristchurchDeliveryTasklet;
import uk.gov.bcpcouncil.clientindex.load.BuildClientIndexTasklet;
import uk.gov.bcpcouncil.clientindex.load.GoldenRecordBuilder;
import uk.gov.bcpcouncil.clientindex.mapping.SurvivorshipRules;
import uk.gov.bcpcouncil.clientindex.mapping.MappedRecord;
import uk.gov.bcpcouncil.clientindex.mapping.MappedRecordWriter;
import uk.gov.bcpcouncil.clientindex.mapping.Mappings;
import uk.gov.bcpcouncil.clientindex.mapping.RecordMapper;
import uk.gov.bcpcouncil.clientindex.mapping.ResolveSourceMergesTasklet;
import uk.gov.bcpcouncil.clientindex.mapping.StagedPerson;
import uk.gov.bcpcouncil.clientindex.mapping.StagedPersonReaders;
import uk.gov.bcpcouncil.clientindex.matching.MatchTasklet;
import uk.gov.bcpcouncil.clientindex.matching.MatchViews;
import uk.gov.bcpcouncil.clientindex.matching.Matcher;
import uk.gov.bcpcouncil.clientindex.ops.StatusListener;
import uk.gov.bcpcouncil.clientindex.ops.StepHistory;
import uk.gov.bcpcouncil.clientindex.ops.StepMonitoring;
import uk.gov.bcpcouncil.clientindex.ops.StepTotal;
import uk.gov.bcpcouncil.clientindex.matching.MatchingProperties;
import uk.gov.bcpcouncil.clientindex.matching.NameVariants;
import uk.gov.bcpcouncil.clientindex.matching.ProbabilisticMatcher;
import uk.gov.bcpcouncil.clientindex.partition.KeyRangePartitioner;
import uk.gov.bcpcouncil.clientindex.partition.PartitionContextRecovery;
import uk.gov.bcpcouncil.clientindex.partition.PartitionedSteps;
import uk.gov.bcpcouncil.clientindex.partition.PartitioningProperties;
import uk.gov.bcpcouncil.clientindex.reconcile.ReconcileTasklet;
import uk.gov.bcpcouncil.clientindex.signoff.SignOffProperties;

/**
 * The one job, {@value #JOB_NAME}: extract the three legacy systems into staging, map and validate,
 * resolve source merges, match, build the run's client index, reconcile and report. Job and step names
 * are restart contracts: never rename them. Every chunk step commits its items and its checkpoint in one
 * transaction of the target database. Every step reports its progress and keeps {@code status.json}
 * current ({@link StepMonitoring}).
 */
@Configuration(proxyBeanMethods = false)
public class ClientIndexJobConfig {

    public static final String JOB_NAME = "clientIndexMigration";
    /**
     * The step that runs the nine extract steps in two flows at once: the database tables one after another, and the
     * Christchurch files. A restart reruns it, and it reruns only its steps that did not complete.
     */
    public static final String EXTRACTS = "extractLegacySystems";
    /** The worker step of the partitioned legacy table extracts (shared by all seven tables). */
    public static final String EXTRACT_PARTITION = "extractLegacyPartition";
    /** The worker step of the partitioned {@code mapRecords}. */
    public static final String MAP_PARTITION = "mapRecordsPartition";
    static final String RUN_ID = "#{jobParameters['run.id']}";

    @Bean
    public Job clientIndexJob(JobRepository repository, Step verifyChristchurchDelivery,
            Step extractBournemouthClients, Step extractBournemouthAddresses, Step extractBournemouthInvolvements,
            Step extractPoolePersons, Step extractPooleAliases, Step extractPooleAddresses, Step extractPooleEpisodes,
            Step extractChristchurchClients, Step extractChristchurchInvolvements, Step recordWatermarks,
            Step carryOverUnchanged, Step indexStaging, Step mapRecords,
            Step resolveSourceMerges, Step matchRecords, Step buildClientIndex, Step reconcile, JdbcTemplate jdbc,
            StepMonitoring monitoring, MatchViews matchViews) {
        // The database extracts and the Christchurch files are staged at once, in two flows of one step: the file
        // steps read on one thread and left most of a core idle when they ran alone. The next step waits for both.
        Flow databases = new FlowBuilder<Flow>("extractDatabases").start(extractBournemouthClients)
                .next(extractBournemouthAddresses).next(extractBournemouthInvolvements).next(extractPoolePersons)
                .next(extractPooleAliases).next(extractPooleAddresses).next(extractPooleEpisodes).build();
        Flow files = new FlowBuilder<Flow>("extractChristchurch").start(extractChristchurchClients)
                .next(extractChristchurchInvolvements).build();
        Step extracts = new StepBuilder(EXTRACTS, repository)
                .flow(new FlowBuilder<Flow>(EXTRACTS).split(new SimpleAsyncTaskExecutor("extract-flow-"))
                        .add(databases, files).build())
                .build();
        return new JobBuilder(JOB_NAME, repository)
                .listener(new RunRegistryListener(jdbc))
                .listener(new StagingPartitionListener(jdbc))
                .listener(monitoring.status())
                .listener(new org.springframework.batch.core.listener.JobExecutionListener() {
                    @Override
                    public void afterJob(org.springframework.batch.core.job.JobExecution execution) {
                        matchViews.forget(); // views of a run whose matchRecords did not take them
                    }
                })
                .start(verifyChristchurchDelivery)
                .next(recordWatermarks)
                .next(extracts)
                .next(carryOverUnchanged)
                .next(indexStaging).next(mapRecords).next(resolveSourceMerges).next(matchRecords).next(buildClientIndex)
                .next(reconcile)
                .build();
    }

    @Bean
    public StepMonitoring stepMonitoring(ClientIndexProperties properties, JdbcTemplate jdbc) {
        return new StepMonitoring(properties.progress().interval(), new StepHistory(jdbc),
                new StatusListener(properties.reports().directory()));
    }

    /** A tasklet step's progress (elapsed time against the previous run) and status updates. */
    private static StepBuilder monitored(StepBuilder builder, StepMonitoring monitoring) {
        builder.listener((StepExecutionListener) monitoring.progress(StepTotal.UNKNOWN));
        builder.listener((StepExecutionListener) monitoring.status());
        return builder;
    }

    @Bean
    public JsonMapper jsonMapper() {
        return JsonMapper.builder().build();
    }

    @Bean
    @Lazy
    public Mappings mappings(ClientIndexProperties properties) {
        return uk.gov.bcpcouncil.clientindex.mapping.MappingLoader.load(properties.mappings().directory());
    }

    @Bean
    @Lazy
    public Matcher matcher(ClientIndexProperties properties, MatchingProperties matching) {
        if (matching.engine().equals(MatchingProperties.FIRST_PASS)) {
            return new uk.gov.bcpcouncil.clientindex.matching.FirstPassMatcher();
        }
        return ProbabilisticMatcher.forChildren(matching,
                NameVariants.load(properties.mappings().directory().resolve(NameVariants.FILE)));
    }

    /**
     * A step of one tasklet run in one transaction of the target database, monitored, and stopping
     * gracefully on request before (or just after) its unit of work.
     */
    private static Step taskletStep(String name, JobRepository repository, PlatformTransactionManager tx,
            org.springframework.batch.core.step.tasklet.Tasklet tasklet, StepMonitoring monitoring,
            StepExecutionListener... listeners) {
        StepBuilder builder = monitored(new StepBuilder(name, repository), monitoring);
        for (StepExecutionListener l : listeners) {
            builder.listener(l);
        }
        org.springframework.batch.core.step.tasklet.TaskletStep step = builder.tasklet(tasklet, tx).build();
        step.setInterruptionPolicy(GracefulStop.INSTANCE);
        return step;
    }

    // ---- extract ---------------------------------------------------------------------------------

    @Bean
    @StepScope
    public StagingWriter stagingWriter(JdbcTemplate jdbc, ClientIndexProperties properties,
            @Value(RUN_ID) String runId) {
        return new StagingWriter(jdbc, runId, properties.rejectLimits());
    }

    @Bean
    public Step verifyChristchurchDelivery(JobRepository repository, PlatformTransactionManager tx,
            ClientIndexProperties properties, StepMonitoring monitoring) {
        org.springframework.batch.core.step.tasklet.TaskletStep step = monitored(
                new StepBuilder("verifyChristchurchDelivery", repository), monitoring)
                .tasklet(new VerifyChristchurchDeliveryTasklet(properties.sources().christchurch().directory()), tx)
                .allowStartIfComplete(true)
                .build();
        step.setInterruptionPolicy(GracefulStop.INSTANCE);
        return step;
    }

    @Bean
    @StepScope
    public RecordWatermarksTasklet recordWatermarksTasklet(DataSource dataSource,
            @Qualifier(DataSourceConfig.BOURNEMOUTH) @Lazy DataSource bournemouth,
            @Qualifier(DataSourceConfig.POOLE) @Lazy DataSource poole,
            @Value("${clientindex.incremental.overlap:15m}") java.time.Duration overlap, @Value(RUN_ID) String runId) {
        return new RecordWatermarksTasklet(new JdbcTemplate(dataSource), runId, bournemouth, poole, overlap);
    }

    /** Each database source's watermark; for an incremental run, the base run and what to re-read. */
    @Bean
    public Step recordWatermarks(JobRepository repository, PlatformTransactionManager tx,
            RecordWatermarksTasklet recordWatermarksTasklet, StepMonitoring monitoring) {
        return taskletStep("recordWatermarks", repository, tx, recordWatermarksTasklet, monitoring);
    }

    @Bean
    @StepScope
    public CarryOverTasklet carryOverTasklet(DataSource dataSource,
            @Qualifier(DataSourceConfig.BOURNEMOUTH) @Lazy DataSource bournemouth,
            @Qualifier(DataSourceConfig.POOLE) @Lazy DataSource poole, @Value(RUN_ID) String runId) {
        return new CarryOverTasklet(new JdbcTemplate(dataSource), runId, bournemouth, poole);
    }

    /** Incremental runs: the unchanged records copied from the base run (a full run does nothing here). */
    @Bean
    public Step carryOverUnchanged(JobRepository repository, PlatformTransactionManager tx,
            CarryOverTasklet carryOverTasklet, StepMonitoring monitoring) {
        return taskletStep("carryOverUnchanged", repository, tx, carryOverTasklet, monitoring);
    }

    @Bean
    @StepScope
    public IndexStagingTasklet indexStagingTasklet(JdbcTemplate jdbc, @Value(RUN_ID) String runId) {
        return new IndexStagingTasklet(jdbc, runId);
    }

    /** The run's staging partition indexed and analysed once loaded (after the extracts and the carry-over). */
    @Bean
    public Step indexStaging(JobRepository repository, PlatformTransactionManager tx,
            IndexStagingTasklet indexStagingTasklet, StepMonitoring monitoring) {
        return taskletStep("indexStaging", repository, tx, indexStagingTasklet, monitoring);
    }

    @Bean
    public Step extractBournemouthClients(ExtractSteps steps) {
        return steps.legacy(LegacyTable.BOURNEMOUTH_CLIENT);
    }

    @Bean
    public Step extractBournemouthAddresses(ExtractSteps steps) {
        return steps.legacy(LegacyTable.BOURNEMOUTH_ADDRESS);
    }

    @Bean
    public Step extractBournemouthInvolvements(ExtractSteps steps) {
        return steps.legacy(LegacyTable.BOURNEMOUTH_INVOLVEMENT);
    }

    @Bean
    public Step extractPoolePersons(ExtractSteps steps) {
        return steps.legacy(LegacyTable.POOLE_PERSON);
    }

    @Bean
    public Step extractPooleAliases(ExtractSteps steps) {
        return steps.legacy(LegacyTable.POOLE_ALIAS);
    }

    @Bean
    public Step extractPooleAddresses(ExtractSteps steps) {
        return steps.legacy(LegacyTable.POOLE_ADDRESS);
    }

    @Bean
    public Step extractPooleEpisodes(ExtractSteps steps) {
        return steps.legacy(LegacyTable.POOLE_EPISODE);
    }

    @Bean
    public ExtractSteps extractSteps(JobRepository repository, PlatformTransactionManager tx,
            ClientIndexProperties properties, StagingWriter stagingWriter,
            @Qualifier(DataSourceConfig.BOURNEMOUTH) @Lazy DataSource bournemouth,
            @Qualifier(DataSourceConfig.POOLE) @Lazy DataSource poole, StepMonitoring monitoring,
            PartitionedSteps partitionedSteps, @Qualifier(EXTRACT_PARTITION) @Lazy Step extractLegacyPartition) {
        return new ExtractSteps(repository, tx, properties.chunkSize(), stagingWriter, bournemouth, poole, monitoring,
                partitionedSteps, extractLegacyPartition);
    }

    // ---- partitioning (clientindex.partitioning.*) -----------------------------------------------

    @Bean
    public PartitionedSteps partitionedSteps(JobRepository repository, PartitioningProperties partitioning,
            @Qualifier("partitionRequests") ObjectProvider<MessageChannel> partitionRequests) {
        return new PartitionedSteps(repository, partitioning,
                partitioning.remote() ? partitionRequests.getObject() : null);
    }

    /**
     * The reader of one partition of a legacy table extract: the table is the partition's owner (the
     * manager step's name), the key range its bounds. Restart: the same reader name and keys as the
     * unpartitioned reader, in the partition's ExecutionContext. One per partition (step scope).
     */
    @Bean
    @StepScope
    public ChangedRowsReader legacyPartitionReader(
            ClientIndexProperties properties,
            @Qualifier(DataSourceConfig.BOURNEMOUTH) @Lazy DataSource bournemouth,
            @Qualifier(DataSourceConfig.POOLE) @Lazy DataSource poole,
            @Value("#{stepExecutionContext['" + KeyRangePartitioner.OWNER + "']}") String owner,
            @Value("#{stepExecutionContext['" + KeyRangePartitioner.FROM + "']}") Object from,
            @Value("#{stepExecutionContext['" + KeyRangePartitioner.TO + "']}") Object to) {
        if (owner == null) { // PartitionContextRecovery refused to rebuild it: the step has failed already
            throw new IllegalStateException("a legacy table partition without its owner and key range");
        }
        LegacyTable table = LegacyTable.ALL.stream().filter(t -> t.stepName().equals(owner)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no legacy table for partition owner " + owner));
        DataSource ds = table.source() == SourceSystem.BOURNEMOUTH ? bournemouth : poole;
        return new ChangedRowsReader(table, ds, properties.chunkSize(), from, to);
    }

    @Bean(EXTRACT_PARTITION)
    public Step extractLegacyPartition(JobRepository repository, PlatformTransactionManager tx,
            ClientIndexProperties properties, StagingWriter stagingWriter,
            ChangedRowsReader legacyPartitionReader) {
        return new StepBuilder(EXTRACT_PARTITION, repository)
                .<StagedRow, StagedRow>chunk(properties.chunkSize())
                .reader(legacyPartitionReader)
                .writer(stagingWriter)
                .transactionManager(tx)
                .listener(new PartitionContextRecovery(repository))
                .interruptionPolicy(GracefulStop.INSTANCE)
                .build();
    }

    /**
     * Most key ranges of {@code mapRecords} per partition of the grid ({@code clientindex.partitioning.grid-size},
     * which also sets how many run at once locally). Ranges of equal record counts do not cost the same to map: with
     * one range per thread, at a million children, the first range (Bournemouth's records and some of Christchurch's)
     * took 2.7-3.7 s longer than the second in every run, one core idle meanwhile. Smaller ranges, each taken by
     * whichever thread (or worker) is free, leave less at the end: about one range's time at the most, since the
     * partitions start in no particular order (four per partition, ranges of about 8 s, still left one core idle for
     * about 3 s in some runs; sixteen, ranges of about 2 s, for 1-1.5 s).
     */
    public static final int MAP_RANGES_PER_GRID = 16;

    /** Fewest staged persons in a range of {@code mapRecords} (about a second's mapping on one thread). */
    public static final long MAP_RANGE_MIN_ROWS = 20_000;

    /**
     * The run's staged persons split into key ranges of {@code person_key} for {@code mapRecords}: one per
     * {@value #MAP_RANGE_MIN_ROWS} persons, at least one per partition of the grid and at most
     * {@value #MAP_RANGES_PER_GRID}.
     */
    @Bean
    @StepScope
    public Partitioner mapRecordsPartitioner(DataSource dataSource, @Value(RUN_ID) String runId) {
        return new KeyRangePartitioner("mapRecords", dataSource, "ci_stg_row", "person_key", MAP_RANGES_PER_GRID,
                MAP_RANGE_MIN_ROWS, "run_id = ? AND entity = 'PERSON'", runId);
    }

    /** The reader of one partition of {@code mapRecords}: one per partition (step scope). */
    @Bean
    @StepScope
    public org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader<StagedPerson> stagedPersonPartitionReader(
            DataSource dataSource, JsonMapper json, ClientIndexProperties properties, @Value(RUN_ID) String runId,
            @Value("#{stepExecutionContext['" + KeyRangePartitioner.OWNER + "']}") String owner,
            @Value("#{stepExecutionContext['" + KeyRangePartitioner.FROM + "']}") String from,
            @Value("#{stepExecutionContext['" + KeyRangePartitioner.TO + "']}") String to) throws Exception {
        if (owner == null) { // PartitionContextRecovery refused to rebuild it: never read the whole range instead
            throw new IllegalStateException("a mapRecords partition without its owner and key range");
        }
        return StagedPersonReaders.reader(dataSource, runId, properties.chunkSize(), json, from, to);
    }

    @Bean(MAP_PARTITION)
    public Step mapRecordsPartition(JobRepository repository, PlatformTransactionManager tx,
            ClientIndexProperties properties,
            org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader<StagedPerson> stagedPersonPartitionReader,
            MappedRecordWriter mappedRecordWriter, RecordMapper recordMapper) {
        return new StepBuilder(MAP_PARTITION, repository)
                .<StagedPerson, MappedRecord>chunk(properties.chunkSize())
                .reader(stagedPersonPartitionReader)
                .processor(recordMapper)
                .writer(mappedRecordWriter)
                .transactionManager(tx)
                .listener(new PartitionContextRecovery(repository))
                .interruptionPolicy(GracefulStop.INSTANCE)
                .build();
    }

    @Bean
    @StepScope
    public FlatFileItemReader<StagedRow> christchurchClientsReader(
            @Value("#{jobExecutionContext['" + VerifyChristchurchDeliveryTasklet.CLIENTS_FILE + "']}") String file) {
        return christchurchReader("extractChristchurchClientsReader", file, Entity.PERSON,
                ChristchurchFormat.CLIENT_COLUMNS);
    }

    @Bean
    @StepScope
    public FlatFileItemReader<StagedRow> christchurchInvolvementsReader(
            @Value("#{jobExecutionContext['" + VerifyChristchurchDeliveryTasklet.INVOLVEMENTS_FILE + "']}") String file) {
        return christchurchReader("extractChristchurchInvolvementsReader", file, Entity.INVOLVEMENT,
                ChristchurchFormat.INVOLVEMENT_COLUMNS);
    }

    /**
     * A reader of one verified Christchurch file. Restart: the reader's name keys its line count in the
     * step ExecutionContext ({@code <name>.read.count}); a restart skips the lines already committed (the file
     * is immutable once verified). Reads only (idempotent). Not thread-safe: one reader per step execution
     * ({@code @StepScope}).
     */
    private static FlatFileItemReader<StagedRow> christchurchReader(String name, String file, Entity entity,
            java.util.List<String> columns) {
        return new FlatFileItemReaderBuilder<StagedRow>()
                .name(name)
                .resource(new FileSystemResource(Path.of(file)))
                .encoding(ChristchurchFormat.CHARSET.name())
                .linesToSkip(1)
                .lineMapper(new ChristchurchLineMapper(entity, columns))
                .strict(true)
                .saveState(true)
                .build();
    }

    @Bean
    public Step extractChristchurchClients(ExtractSteps steps, FlatFileItemReader<StagedRow> christchurchClientsReader) {
        return steps.file("extractChristchurchClients", christchurchClientsReader,
                StepTotal.jobContext(VerifyChristchurchDeliveryTasklet.CLIENTS_TRAILER_COUNT));
    }

    @Bean
    public Step extractChristchurchInvolvements(ExtractSteps steps,
            FlatFileItemReader<StagedRow> christchurchInvolvementsReader) {
        return steps.file("extractChristchurchInvolvements", christchurchInvolvementsReader,
                StepTotal.jobContext(VerifyChristchurchDeliveryTasklet.INVOLVEMENTS_TRAILER_COUNT));
    }

    // ---- map, match, load, reconcile -------------------------------------------------------------

    @Bean
    @StepScope
    public org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader<StagedPerson> stagedPersonReader(
            DataSource dataSource, JsonMapper json, ClientIndexProperties properties, @Value(RUN_ID) String runId) throws Exception {
        return StagedPersonReaders.reader(dataSource, runId, properties.chunkSize(), json);
    }

    /**
     * The candidates' match views: stored by mapRecords, and kept in this process for matchRecords, unless the
     * partitions of mapRecords run in other processes (a remote partitioning manager or worker).
     */
    @Bean
    public MatchViews matchViews(PartitioningProperties partitioning,
            @Value("${clientindex.partitioning.worker:false}") boolean worker) {
        return new MatchViews(!partitioning.remote() && !worker);
    }

    @Bean
    @StepScope
    public MappedRecordWriter mappedRecordWriter(JdbcTemplate jdbc, JsonMapper json, @Value(RUN_ID) String runId,
            MatchViews matchViews) {
        // the matcher's compact view of each candidate, so that matchRecords reads bytes instead of parsing JSON
        return new MappedRecordWriter(jdbc, runId, json, matchViews);
    }

    /** The mapping processor, built at step start from the validated mappings. */
    @Bean
    @StepScope
    public RecordMapper recordMapper(Mappings mappings) {
        return new RecordMapper(mappings);
    }

    @Bean
    public Step mapRecords(JobRepository repository, PlatformTransactionManager tx, ClientIndexProperties properties,
            org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader<StagedPerson> stagedPersonReader,
            MappedRecordWriter mappedRecordWriter, RecordMapper recordMapper, StepMonitoring monitoring,
            JdbcTemplate jdbc, PartitionedSteps partitionedSteps, @Lazy Partitioner mapRecordsPartitioner,
            @Qualifier(MAP_PARTITION) @Lazy Step mapRecordsPartition) {
        if (partitionedSteps.properties().partitioned()) {
            return partitionedSteps.manager("mapRecords", mapRecordsPartition, mapRecordsPartitioner,
                    monitoring.partitionedProgress(StepTotal.runQuery(jdbc,
                            "SELECT COUNT(*) FROM ci_stg_row WHERE run_id = ? AND entity = 'PERSON'")),
                    monitoring.status());
        }
        return new StepBuilder("mapRecords", repository)
                .<StagedPerson, MappedRecord>chunk(properties.chunkSize())
                .reader(stagedPersonReader)
                .processor(recordMapper)
                .writer(mappedRecordWriter)
                .transactionManager(tx)
                .listener(monitoring.progress(StepTotal.runQuery(jdbc,
                        "SELECT COUNT(*) FROM ci_stg_row WHERE run_id = ? AND entity = 'PERSON'")))
                .listener(monitoring.status())
                .interruptionPolicy(GracefulStop.INSTANCE)
                .build();
    }

    @Bean
    @StepScope
    public ResolveSourceMergesTasklet resolveSourceMergesTasklet(DataSource dataSource, @Value(RUN_ID) String runId) {
        return new ResolveSourceMergesTasklet(new JdbcTemplate(dataSource), runId);
    }

    @Bean
    public Step resolveSourceMerges(JobRepository repository, PlatformTransactionManager tx,
            ResolveSourceMergesTasklet resolveSourceMergesTasklet, StepMonitoring monitoring, JdbcTemplate jdbc) {
        org.springframework.batch.core.step.tasklet.TaskletStep step = monitored(
                new StepBuilder("resolveSourceMerges", repository), monitoring)
                // whole, so that autovacuum need not analyse it again; 3,000 rows sampled (V20)
                .listener(new AnalyzeStagingListener(jdbc, "ci_mapped_record"))
                .tasklet(resolveSourceMergesTasklet, tx).build();
        step.setInterruptionPolicy(GracefulStop.INSTANCE);
        return step;
    }

    @Bean
    @StepScope
    public MatchTasklet matchTasklet(DataSource dataSource, Matcher matcher, JsonMapper json,
            @Value(RUN_ID) String runId, MatchViews matchViews) {
        return new MatchTasklet(new JdbcTemplate(dataSource), runId, matcher, json, matchViews);
    }

    @Bean
    public Step matchRecords(JobRepository repository, PlatformTransactionManager tx, MatchTasklet matchTasklet,
            StepMonitoring monitoring) {
        return taskletStep("matchRecords", repository, tx, matchTasklet, monitoring);
    }

    @Bean
    @StepScope
    public BuildClientIndexTasklet buildClientIndexTasklet(DataSource dataSource, JsonMapper json,
            ClientIndexProperties properties, @Value(RUN_ID) String runId) {
        return new BuildClientIndexTasklet(new JdbcTemplate(dataSource), runId, json, new GoldenRecordBuilder(
                SurvivorshipRules.load(properties.mappings().directory())));
    }

    @Bean
    public Step buildClientIndex(JobRepository repository, PlatformTransactionManager tx,
            BuildClientIndexTasklet buildClientIndexTasklet, StepMonitoring monitoring, JdbcTemplate jdbc) {
        // ci_mapped_record was analysed before resolveSourceMerges, which only sets survivor IDs: analysing it
        // again (its JSON sampled) took longer than the statistics could save
        return taskletStep("buildClientIndex", repository, tx, buildClientIndexTasklet, monitoring,
                new AnalyzeStagingListener(jdbc, "ci_cluster_member"));
    }

    @Bean
    @StepScope
    public ReconcileTasklet reconcileTasklet(DataSource dataSource, ClientIndexProperties properties,
            Mappings mappings, @Qualifier(DataSourceConfig.BOURNEMOUTH) @Lazy DataSource bournemouth,
            @Qualifier(DataSourceConfig.POOLE) @Lazy DataSource poole,
            @Value("#{jobExecutionContext['" + VerifyChristchurchDeliveryTasklet.CLIENTS_TRAILER_COUNT + "']}") Long trailer,
            @Value(RUN_ID) String runId, MatchingProperties matching, SignOffProperties signOff) {
        Map<SourceSystem, Supplier<Long>> counts = new EnumMap<>(SourceSystem.class);
        counts.put(SourceSystem.BOURNEMOUTH, () -> new JdbcTemplate(bournemouth)
                .queryForObject("SELECT COUNT(*) FROM client", Long.class));
        counts.put(SourceSystem.POOLE, () -> new JdbcTemplate(poole)
                .queryForObject("SELECT COUNT(*) FROM poole.person", Long.class));
        counts.put(SourceSystem.CHRISTCHURCH, () -> trailer);
        return new ReconcileTasklet(new JdbcTemplate(dataSource), runId, properties.reports().directory(), mappings,
                counts).withReportSettings(matcherSettings(matching), signOff);
    }

    @Bean
    public Step reconcile(JobRepository repository, PlatformTransactionManager tx, ReconcileTasklet reconcileTasklet,
            StepMonitoring monitoring, JdbcTemplate jdbc) {
        // ci_client: the columns the report joins and groups on, not the golden records' JSON (half the time), sampled
        // by their statistics target (V20: 3,000 rows instead of 30,000, 0.18 s instead of 1.9-2.2 s at a million children);
        // ci_match_explanation: its keys and the weight the report sorts on, not the terms' JSON; ci_cluster_member
        // not at all: the report does not read it, and it was analysed before buildClientIndex, which does not change it;
        // ci_client_xref neither: buildClientIndex analysed the run's partition when it attached it (V18)
        return taskletStep("reconcile", repository, tx, reconcileTasklet, monitoring, new AnalyzeStagingListener(jdbc,
                List.of("ci_client (run_id, client_id, member_count)",
                        "ci_match_explanation (run_id, left_key, right_key, total_weight)", "ci_match_pair",
                        "ci_client_id_event")));
    }

    /** The matcher's settings as the report's header shows them. */
    static Map<String, String> matcherSettings(MatchingProperties m) {
        Map<String, String> s = new java.util.LinkedHashMap<>();
        s.put("engine", m.engine());
        if (MatchingProperties.PROBABILISTIC.equals(m.engine())) {
            s.put("match weight (merge at or above)", String.valueOf(m.matchWeight()));
            s.put("review weight (clerical review at or above)", String.valueOf(m.reviewWeight()));
            s.put("split weight (never in one client below)", String.valueOf(m.splitWeight()));
        } else {
            s.put("rules", "same valid NHS number; or same date of birth and first and family names at Jaro-Winkler 0.92+");
        }
        return s;
    }
}
