package uk.gov.bcpcouncil.clientindex.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.bcpcouncil.clientindex.SourceSystem;

/**
 * Fills the three legacy systems with synthetic children and writes the ground truth.
 *
 * <p>Creates the legacy schemas if absent ({@link LegacySchemas}), refuses to write into legacy
 * tables that already hold rows, then generates the true children in blocks of about
 * {@value #CHILDREN_PER_BLOCK}: each block's records get their source IDs (in order of creation
 * time within the block, so a child's records are not neighbours), are written to Bournemouth
 * (multi-row INSERTs), Poole (COPY) and the Christchurch extract, and are recorded in the truth
 * file. Memory is bounded by one block, so a million children work.
 *
 * <p>Deterministic: the same settings give the same rows, byte-identical Christchurch files and
 * truth file (one {@link SplittableRandom} seeded from the settings, no hash-ordered iteration).
 * IDs: Bournemouth {@code client_id} 1, 2, 3...; Poole {@code person_ref} 'P' and 7 digits, with
 * occasional gaps; Christchurch DCC_ID 7 digits from 1000001 with gaps. Each block is committed
 * on its own: after a failure, clear the tables ({@link LegacySchemas#clearBournemouth},
 * {@link LegacySchemas#clearPoole}) before generating again. Not thread-safe; one generation at a time.
 */
public final class LegacyDataGenerator {

    static final int CHILDREN_PER_BLOCK = 2000;
    private static final Logger log = LoggerFactory.getLogger(LegacyDataGenerator.class);
    private static final long LAST_POOLE_NUMBER = 9_999_999L;

    /**
     * Generates the legacy data.
     *
     * @param settings         what to generate
     * @param bournemouth      the Bournemouth MySQL/MariaDB database
     * @param poole            the Poole PostgreSQL database (schema {@code poole})
     * @param christchurchDir  where the Christchurch delivery is written (created if absent)
     * @param truthCsv         the ground truth file to write
     * @throws IllegalStateException when a legacy table already holds rows, or a database fails
     * @throws UncheckedIOException  when a file cannot be written
     */
    public GenerationResult generate(GeneratorSettings settings, DataSource bournemouth, DataSource poole,
            Path christchurchDir, Path truthCsv) {
        LegacySchemas.createBournemouth(bournemouth);
        LegacySchemas.createPoole(poole);
        if (LegacySchemas.hasRows(bournemouth, "client")) {
            throw new IllegalStateException("the Bournemouth client table already holds rows; "
                    + "clear it first (LegacySchemas.clearBournemouth)");
        }
        if (LegacySchemas.hasRows(poole, "poole.person")) {
            throw new IllegalStateException("the Poole person table already holds rows; "
                    + "clear it first (LegacySchemas.clearPoole)");
        }
        long started = System.nanoTime();
        try (Connection b = bournemouth.getConnection(); Connection p = poole.getConnection()) {
            GenerationResult result = run(settings, b, p, christchurchDir, truthCsv);
            log.info("Generated {} children, {} person records, in {} ms", result.trueChildren(),
                    result.personRecords(), (System.nanoTime() - started) / 1_000_000);
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("could not write the legacy databases", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the Christchurch delivery or the truth file", e);
        }
    }

    private GenerationResult run(GeneratorSettings settings, Connection b, Connection p, Path christchurchDir,
            Path truthCsv) throws SQLException, IOException {
        SplittableRandom random = new SplittableRandom(settings.seed());
        ChildFactory children = new ChildFactory(settings, random.split());
        RecordPlanner planner = new RecordPlanner(settings, random.split());
        RecordStyler styler = new RecordStyler(settings, random.split());
        Ids ids = new Ids(random.split());
        BournemouthRenderer toBournemouth = new BournemouthRenderer(styler);
        PooleRenderer toPoole = new PooleRenderer(styler);
        ChristchurchRenderer toChristchurch = new ChristchurchRenderer(styler);

        ChristchurchDeliveryWriter christchurch =
                ChristchurchDeliveryWriter.create(christchurchDir, settings.deliveryDate());
        boolean complete = false;
        try (BournemouthWriter bournemouth = new BournemouthWriter(b);
                PooleWriter poole = new PooleWriter(p);
                TruthWriter truth = new TruthWriter(truthCsv)) {
            int made = 0;
            int nextReport = 100_000;
            List<PlannedRecord> block = new ArrayList<>();
            while (made < settings.children()) {
                block.clear();
                int inBlock = 0;
                while (inBlock < CHILDREN_PER_BLOCK && made < settings.children()) {
                    List<TrueChild> unit = children.nextUnit(settings.children() - made);
                    planner.plan(unit, block);
                    made += unit.size();
                    inBlock += unit.size();
                }
                Map<SourceSystem, List<PlannedRecord>> bySystem = ids.assign(block);
                for (PlannedRecord r : bySystem.get(SourceSystem.BOURNEMOUTH)) {
                    toBournemouth.render(r, bournemouth);
                    truth.row(SourceSystem.BOURNEMOUTH, r.sourceId, r.child.id, r.truthKind());
                }
                for (PlannedRecord r : bySystem.get(SourceSystem.POOLE)) {
                    toPoole.render(r, poole);
                    truth.row(SourceSystem.POOLE, r.sourceId, r.child.id, r.truthKind());
                }
                for (PlannedRecord r : bySystem.get(SourceSystem.CHRISTCHURCH)) {
                    toChristchurch.render(r, christchurch);
                    truth.row(SourceSystem.CHRISTCHURCH, r.sourceId, r.child.id, r.truthKind());
                }
                bournemouth.commit();
                poole.commit();
                if (made >= nextReport) {
                    log.info("Generated {} of {} children", made, settings.children());
                    nextReport += 100_000;
                }
            }
            christchurch.close();
            complete = true;
            truth.finish();
            return new GenerationResult(toBournemouth.counter.freeze(), toPoole.counter.freeze(),
                    toChristchurch.counter.freeze(), made, christchurch.clientsFile(),
                    christchurch.involvementsFile(), truthCsv);
        } finally {
            if (!complete) {
                christchurch.closeWith(null, null); // no trailers: the files show they are incomplete
            }
        }
    }

    /** Hands out source IDs per system, in order of creation time within each block. */
    private static final class Ids {
        private final SplittableRandom random;
        private long bournemouth;
        private long poole = 10_000;
        private long christchurch = 1_000_000;

        Ids(SplittableRandom random) {
            this.random = random;
        }

        Map<SourceSystem, List<PlannedRecord>> assign(List<PlannedRecord> block) {
            Map<SourceSystem, List<PlannedRecord>> bySystem = new EnumMap<>(SourceSystem.class);
            for (SourceSystem s : SourceSystem.values()) {
                bySystem.put(s, new ArrayList<>());
            }
            for (PlannedRecord r : block) {
                bySystem.get(r.system).add(r);
            }
            for (List<PlannedRecord> records : bySystem.values()) {
                records.sort(Comparator.comparing((PlannedRecord r) -> r.created)); // stable: ties keep plan order
            }
            for (PlannedRecord r : bySystem.get(SourceSystem.BOURNEMOUTH)) {
                r.number = ++bournemouth;
                r.sourceId = Long.toString(r.number);
            }
            for (PlannedRecord r : bySystem.get(SourceSystem.POOLE)) {
                poole += random.nextInt(25) == 0 ? 2 + random.nextInt(9) : 1; // records purged long ago
                if (poole > LAST_POOLE_NUMBER) {
                    throw new IllegalStateException("too many Poole records for 'P' + 7 digits");
                }
                r.number = poole;
                r.sourceId = String.format("P%07d", poole);
            }
            for (PlannedRecord r : bySystem.get(SourceSystem.CHRISTCHURCH)) {
                christchurch += 1 + (random.nextInt(4) == 0 ? random.nextInt(3) : 0);
                r.number = christchurch;
                r.sourceId = Long.toString(christchurch);
            }
            return bySystem;
        }
    }
}
