package uk.gov.bcpcouncil.clientindex.generate;

import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link LegacyDataGenerator} generates, and how hard the data is.
 *
 * <p>Rates are probabilities between 0 and 1. "Per record" rates apply to each generated person
 * record independently; "per child" rates to each true child. {@link #describe()} prints every
 * setting with its meaning. Start from {@link #defaults(int, long)} or {@link #builder(int, long)}.
 *
 * @param children             true child identities to generate, twins and post-adoption identities included;
 *                             each has at least one record, so the truth names exactly this many children.
 *                             NHS numbers come from the test range 999 000 0000 to 999 999 9999, which holds
 *                             about 909,000 valid numbers, issued only to children whose records show one
 *                             (about 80% of them at the default rates): beyond about 1.1 million children
 *                             the last children get none
 * @param seed                 the random seed: equal settings give byte-identical output
 * @param deliveryDate         "today" for the data: no date lies after it except unborn children's expected
 *                             dates; the Christchurch files are named {@code *_YYYYMMDD.txt} after it
 * @param bournemouthWeight    relative weight of Bournemouth when a child's systems are drawn
 * @param pooleWeight          relative weight of Poole
 * @param christchurchWeight   relative weight of Christchurch
 * @param inTwoSystemsRate     per child: known to exactly two of the three systems
 * @param inThreeSystemsRate   per child: known to all three systems
 * @param duplicateRate        per child and system: a second active record of the child in that system
 * @param mergedInSourceRate   per child in Bournemouth: a duplicate Bournemouth already merged itself
 *                             (record_status 'M', merged_into the survivor)
 * @param mergeChainTwoStepShare share of those merges that are two-step chains (A merged into B, B into C)
 * @param softDeletedRate      per child in Bournemouth or Poole: an extra soft-deleted record
 * @param typingErrorRate      per name field of a record: one typing error (swap, drop, double, wrong key)
 * @param nicknameRate         per record of a child whose name has a known variant: the variant is used
 *                             (Alfie for Alfred, Sasha for Alexander, Mohammed for Muhammad, Jack for John)
 * @param surnameChangeRate    per child: the surname changed during childhood; later records use the new
 *                             one, with Poole alias rows (PREVIOUS/BIRTH) and Christchurch ALIAS_NAMES
 * @param doubleBarrelledRate  per child: a double-barrelled surname (Smith-Jones)
 * @param doubleBarrelVariantRate per record of a double-barrelled surname: written with a space, run
 *                             together, or only one half
 * @param caseVariantRate      per name field of a Bournemouth or Poole record: typed all upper or lower case
 * @param apostropheVariantRate per record of a surname with an apostrophe: OBrien, O Brien, O'brien, O’Brien
 * @param accentedNameRate     per child, for the first name and the surname separately: a name with
 *                             accents (Zoë, Siân, Ó Súilleabháin, Łukasz)
 * @param accentDropRate       per record of an accented name: typed without the accents
 * @param dayMonthSwapRate     per record: day and month of the date of birth swapped
 * @param impossibleDobRate    per Bournemouth record: an impossible date of birth ('31/02/2015',
 *                             '00/00/0000' or '')
 * @param missingDobRate       per Poole or Christchurch record: no date of birth
 * @param estimatedDobRate     per child: the date of birth is an estimate (flagged estimated)
 * @param nhsMissingRate       per record of a child with an NHS number: the number is not recorded
 * @param nhsSpacedRate        per Bournemouth record with an NHS number: typed with spaces (999 123 4567)
 * @param nhsInvalidRate       per record with an NHS number: a typing error that fails Modulus 11
 * @param upnRecordedRate      per record of a child with a UPN: the UPN is recorded
 * @param twinRate             share of children who are one of a pair of twins (same date of birth, surname
 *                             and address, different first names and NHS numbers)
 * @param unbornRate           share of children still unborn on the delivery date (expected date, placeholder
 *                             name such as 'Baby', 'Unborn' or 'Baby of Smith')
 * @param prebirthRecordRate   per born child: an extra placeholder record made before the birth
 * @param adoptionRate         share of children who are the post-adoption identity of another generated
 *                             child (new NHS number, UPN and surname, same date of birth): never the same child
 * @param sexUnknownRate       per record: sex not recorded or unknown
 * @param retiredEthnicityRate per Bournemouth record created before September 2011: a retired code W, B or A
 * @param ethnicityFreeTextRate per Poole record last modified before 2015: free text instead of a DfE code
 * @param ethnicityMissingRate per record: no ethnicity
 * @param postcodeVariantRate  per address: postcode typed in a non-standard form (bh1 1aa, BH11AA, BH1  1AA)
 * @param noFixedAbodeRate     per address: 'NFA' instead of an address
 * @param deathRate            per child: died in childhood (date of death recorded)
 */
public record GeneratorSettings(
        int children,
        long seed,
        LocalDate deliveryDate,
        double bournemouthWeight,
        double pooleWeight,
        double christchurchWeight,
        double inTwoSystemsRate,
        double inThreeSystemsRate,
        double duplicateRate,
        double mergedInSourceRate,
        double mergeChainTwoStepShare,
        double softDeletedRate,
        double typingErrorRate,
        double nicknameRate,
        double surnameChangeRate,
        double doubleBarrelledRate,
        double doubleBarrelVariantRate,
        double caseVariantRate,
        double apostropheVariantRate,
        double accentedNameRate,
        double accentDropRate,
        double dayMonthSwapRate,
        double impossibleDobRate,
        double missingDobRate,
        double estimatedDobRate,
        double nhsMissingRate,
        double nhsSpacedRate,
        double nhsInvalidRate,
        double upnRecordedRate,
        double twinRate,
        double unbornRate,
        double prebirthRecordRate,
        double adoptionRate,
        double sexUnknownRate,
        double retiredEthnicityRate,
        double ethnicityFreeTextRate,
        double ethnicityMissingRate,
        double postcodeVariantRate,
        double noFixedAbodeRate,
        double deathRate) {

    /** The default delivery date; fixed, so that default output never depends on the clock. */
    public static final LocalDate DEFAULT_DELIVERY_DATE = LocalDate.of(2026, 11, 26);

    /** Earliest date of birth generated. */
    static final LocalDate EARLIEST_BIRTH = LocalDate.of(2005, 1, 1);

    private static final Map<String, String> MEANINGS = meanings();

    public GeneratorSettings {
        if (children < 1) {
            throw new IllegalArgumentException("children must be at least 1, was " + children);
        }
        Objects.requireNonNull(deliveryDate, "deliveryDate");
        if (deliveryDate.isBefore(EARLIEST_BIRTH.plusYears(1)) || deliveryDate.getYear() > 9999) {
            throw new IllegalArgumentException("deliveryDate must be after " + EARLIEST_BIRTH.plusYears(1));
        }
        double[] rates = {inTwoSystemsRate, inThreeSystemsRate, duplicateRate, mergedInSourceRate,
            mergeChainTwoStepShare, softDeletedRate, typingErrorRate, nicknameRate, surnameChangeRate,
            doubleBarrelledRate, doubleBarrelVariantRate, caseVariantRate, apostropheVariantRate,
            accentedNameRate, accentDropRate, dayMonthSwapRate, impossibleDobRate, missingDobRate,
            estimatedDobRate, nhsMissingRate, nhsSpacedRate, nhsInvalidRate, upnRecordedRate, twinRate,
            unbornRate, prebirthRecordRate, adoptionRate, sexUnknownRate, retiredEthnicityRate,
            ethnicityFreeTextRate, ethnicityMissingRate, postcodeVariantRate, noFixedAbodeRate, deathRate};
        for (double rate : rates) {
            if (!(rate >= 0.0 && rate <= 1.0)) {
                throw new IllegalArgumentException("every rate must lie between 0 and 1, found " + rate);
            }
        }
        if (!(bournemouthWeight >= 0 && pooleWeight >= 0 && christchurchWeight >= 0)
                || bournemouthWeight + pooleWeight + christchurchWeight <= 0) {
            throw new IllegalArgumentException("system weights must be non-negative and not all zero");
        }
        if (inTwoSystemsRate + inThreeSystemsRate > 1.0) {
            throw new IllegalArgumentException("inTwoSystemsRate + inThreeSystemsRate must not exceed 1");
        }
        if (twinRate + 2 * adoptionRate + unbornRate >= 0.95) {
            throw new IllegalArgumentException("twinRate + 2 * adoptionRate + unbornRate must stay below 0.95");
        }
    }

    /** Default difficulty for the given size and seed, delivered on {@link #DEFAULT_DELIVERY_DATE}. */
    public static GeneratorSettings defaults(int children, long seed) {
        return builder(children, seed).build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder(int children, long seed) {
        return new Builder(children, seed);
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Every setting on its own line: name, value and meaning, so a reader can judge how hard the
     * generated data is.
     */
    public String describe() {
        StringBuilder out = new StringBuilder("Synthetic legacy data settings\n");
        for (RecordComponent component : GeneratorSettings.class.getRecordComponents()) {
            Object value;
            try {
                value = component.getAccessor().invoke(this);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            String shown = value instanceof Double d ? formatRate(d) : String.valueOf(value);
            out.append(String.format(Locale.ROOT, "  %-24s %-10s %s\n",
                    component.getName(), shown, MEANINGS.get(component.getName())));
        }
        return out.toString();
    }

    private static String formatRate(double rate) {
        String text = String.format(Locale.ROOT, "%.4f", rate);
        return text.replaceAll("0+$", "").replaceAll("\\.$", ".0");
    }

    /** The meaning of each setting, as printed by {@link #describe()}; package-private for the test. */
    static Map<String, String> meanings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("children", "true child identities (twins and post-adoption identities included)");
        m.put("seed", "random seed: the same settings and seed give byte-identical output");
        m.put("deliveryDate", "'today' for the data; Christchurch files are named *_YYYYMMDD.txt after it");
        m.put("bournemouthWeight", "relative weight of Bournemouth when a child's systems are drawn");
        m.put("pooleWeight", "relative weight of Poole when a child's systems are drawn");
        m.put("christchurchWeight", "relative weight of Christchurch when a child's systems are drawn");
        m.put("inTwoSystemsRate", "per child: known to exactly two of the three systems");
        m.put("inThreeSystemsRate", "per child: known to all three systems");
        m.put("duplicateRate", "per child and system: a second active record of the child in that system");
        m.put("mergedInSourceRate", "per child in Bournemouth: a duplicate already merged in source (status 'M', merged_into)");
        m.put("mergeChainTwoStepShare", "share of Bournemouth merges that are two-step chains (A -> B -> survivor)");
        m.put("softDeletedRate", "per child in Bournemouth or Poole: an extra soft-deleted record ('D' / is_deleted)");
        m.put("typingErrorRate", "per name field of a record: one typing error (swap, drop, double, wrong key)");
        m.put("nicknameRate", "per record of a child whose name has a variant: variant used (Alfie/Alfred, Sasha/Alexander, Mohammed/Muhammad)");
        m.put("surnameChangeRate", "per child: surname changed; later records use the new one (Poole PREVIOUS/BIRTH alias, Christchurch ALIAS_NAMES)");
        m.put("doubleBarrelledRate", "per child: a double-barrelled surname (Smith-Jones)");
        m.put("doubleBarrelVariantRate", "per record of a double-barrelled surname: 'Smith Jones', 'SmithJones' or one half only");
        m.put("caseVariantRate", "per name field of a Bournemouth or Poole record: typed all upper or all lower case");
        m.put("apostropheVariantRate", "per record of a surname with an apostrophe: OBrien, O Brien, O'brien, O\u2019Brien");
        m.put("accentedNameRate", "per child, first name and surname separately: an accented name (Zoë, Siân, Ó Súilleabháin, Łukasz)");
        m.put("accentDropRate", "per record of an accented name: typed without accents (Zoe, Sian)");
        m.put("dayMonthSwapRate", "per record: day and month of the date of birth swapped");
        m.put("impossibleDobRate", "per Bournemouth record: impossible date of birth ('31/02/2015', '00/00/0000', '')");
        m.put("missingDobRate", "per Poole or Christchurch record: date of birth missing");
        m.put("estimatedDobRate", "per child: date of birth is an estimate (flag 'Y' / ESTIMATED / 'E')");
        m.put("nhsMissingRate", "per record of a child with an NHS number: number not recorded");
        m.put("nhsSpacedRate", "per Bournemouth record with an NHS number: typed with spaces (999 123 4567)");
        m.put("nhsInvalidRate", "per record with an NHS number: typing error that fails Modulus 11");
        m.put("upnRecordedRate", "per record of a child with a UPN: UPN recorded");
        m.put("twinRate", "share of children who are one of twins (same DOB, surname, address; own names and NHS numbers)");
        m.put("unbornRate", "share of children unborn on the delivery date (expected date; 'Baby', 'Unborn', 'Baby of Smith')");
        m.put("prebirthRecordRate", "per born child: an extra placeholder record made before the birth");
        m.put("adoptionRate", "share of children who are a post-adoption identity of another child (new NHS, UPN, surname; same DOB)");
        m.put("sexUnknownRate", "per record: sex unknown or not recorded");
        m.put("retiredEthnicityRate", "per Bournemouth record created before Sept 2011: retired code W, B or A");
        m.put("ethnicityFreeTextRate", "per Poole record last modified before 2015: free text instead of a DfE code");
        m.put("ethnicityMissingRate", "per record: ethnicity not recorded");
        m.put("postcodeVariantRate", "per address: postcode typed in a non-standard form (bh1 1aa, BH11AA, BH1  1AA)");
        m.put("noFixedAbodeRate", "per address: 'NFA' (no fixed abode) instead of an address");
        m.put("deathRate", "per child: died in childhood (date of death recorded)");
        return m;
    }

    /** Builder for {@link GeneratorSettings}; starts from the defaults. */
    public static final class Builder {
        private int children;
        private long seed;
        private LocalDate deliveryDate = DEFAULT_DELIVERY_DATE;
        private double bournemouthWeight = 0.45;
        private double pooleWeight = 0.35;
        private double christchurchWeight = 0.20;
        private double inTwoSystemsRate = 0.15;
        private double inThreeSystemsRate = 0.04;
        private double duplicateRate = 0.04;
        private double mergedInSourceRate = 0.05;
        private double mergeChainTwoStepShare = 0.25;
        private double softDeletedRate = 0.02;
        private double typingErrorRate = 0.03;
        private double nicknameRate = 0.30;
        private double surnameChangeRate = 0.08;
        private double doubleBarrelledRate = 0.05;
        private double doubleBarrelVariantRate = 0.35;
        private double caseVariantRate = 0.20;
        private double apostropheVariantRate = 0.40;
        private double accentedNameRate = 0.02;
        private double accentDropRate = 0.30;
        private double dayMonthSwapRate = 0.01;
        private double impossibleDobRate = 0.01;
        private double missingDobRate = 0.005;
        private double estimatedDobRate = 0.01;
        private double nhsMissingRate = 0.30;
        private double nhsSpacedRate = 0.25;
        private double nhsInvalidRate = 0.01;
        private double upnRecordedRate = 0.40;
        private double twinRate = 0.03;
        private double unbornRate = 0.01;
        private double prebirthRecordRate = 0.01;
        private double adoptionRate = 0.005;
        private double sexUnknownRate = 0.02;
        private double retiredEthnicityRate = 0.30;
        private double ethnicityFreeTextRate = 0.40;
        private double ethnicityMissingRate = 0.04;
        private double postcodeVariantRate = 0.30;
        private double noFixedAbodeRate = 0.005;
        private double deathRate = 0.001;

        private Builder(int children, long seed) {
            this.children = children;
            this.seed = seed;
        }

        private Builder(GeneratorSettings s) {
            children = s.children;
            seed = s.seed;
            deliveryDate = s.deliveryDate;
            bournemouthWeight = s.bournemouthWeight;
            pooleWeight = s.pooleWeight;
            christchurchWeight = s.christchurchWeight;
            inTwoSystemsRate = s.inTwoSystemsRate;
            inThreeSystemsRate = s.inThreeSystemsRate;
            duplicateRate = s.duplicateRate;
            mergedInSourceRate = s.mergedInSourceRate;
            mergeChainTwoStepShare = s.mergeChainTwoStepShare;
            softDeletedRate = s.softDeletedRate;
            typingErrorRate = s.typingErrorRate;
            nicknameRate = s.nicknameRate;
            surnameChangeRate = s.surnameChangeRate;
            doubleBarrelledRate = s.doubleBarrelledRate;
            doubleBarrelVariantRate = s.doubleBarrelVariantRate;
            caseVariantRate = s.caseVariantRate;
            apostropheVariantRate = s.apostropheVariantRate;
            accentedNameRate = s.accentedNameRate;
            accentDropRate = s.accentDropRate;
            dayMonthSwapRate = s.dayMonthSwapRate;
            impossibleDobRate = s.impossibleDobRate;
            missingDobRate = s.missingDobRate;
            estimatedDobRate = s.estimatedDobRate;
            nhsMissingRate = s.nhsMissingRate;
            nhsSpacedRate = s.nhsSpacedRate;
            nhsInvalidRate = s.nhsInvalidRate;
            upnRecordedRate = s.upnRecordedRate;
            twinRate = s.twinRate;
            unbornRate = s.unbornRate;
            prebirthRecordRate = s.prebirthRecordRate;
            adoptionRate = s.adoptionRate;
            sexUnknownRate = s.sexUnknownRate;
            retiredEthnicityRate = s.retiredEthnicityRate;
            ethnicityFreeTextRate = s.ethnicityFreeTextRate;
            ethnicityMissingRate = s.ethnicityMissingRate;
            postcodeVariantRate = s.postcodeVariantRate;
            noFixedAbodeRate = s.noFixedAbodeRate;
            deathRate = s.deathRate;
        }

        public Builder children(int v) { children = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder deliveryDate(LocalDate v) { deliveryDate = v; return this; }
        public Builder bournemouthWeight(double v) { bournemouthWeight = v; return this; }
        public Builder pooleWeight(double v) { pooleWeight = v; return this; }
        public Builder christchurchWeight(double v) { christchurchWeight = v; return this; }
        public Builder inTwoSystemsRate(double v) { inTwoSystemsRate = v; return this; }
        public Builder inThreeSystemsRate(double v) { inThreeSystemsRate = v; return this; }
        public Builder duplicateRate(double v) { duplicateRate = v; return this; }
        public Builder mergedInSourceRate(double v) { mergedInSourceRate = v; return this; }
        public Builder mergeChainTwoStepShare(double v) { mergeChainTwoStepShare = v; return this; }
        public Builder softDeletedRate(double v) { softDeletedRate = v; return this; }
        public Builder typingErrorRate(double v) { typingErrorRate = v; return this; }
        public Builder nicknameRate(double v) { nicknameRate = v; return this; }
        public Builder surnameChangeRate(double v) { surnameChangeRate = v; return this; }
        public Builder doubleBarrelledRate(double v) { doubleBarrelledRate = v; return this; }
        public Builder doubleBarrelVariantRate(double v) { doubleBarrelVariantRate = v; return this; }
        public Builder caseVariantRate(double v) { caseVariantRate = v; return this; }
        public Builder apostropheVariantRate(double v) { apostropheVariantRate = v; return this; }
        public Builder accentedNameRate(double v) { accentedNameRate = v; return this; }
        public Builder accentDropRate(double v) { accentDropRate = v; return this; }
        public Builder dayMonthSwapRate(double v) { dayMonthSwapRate = v; return this; }
        public Builder impossibleDobRate(double v) { impossibleDobRate = v; return this; }
        public Builder missingDobRate(double v) { missingDobRate = v; return this; }
        public Builder estimatedDobRate(double v) { estimatedDobRate = v; return this; }
        public Builder nhsMissingRate(double v) { nhsMissingRate = v; return this; }
        public Builder nhsSpacedRate(double v) { nhsSpacedRate = v; return this; }
        public Builder nhsInvalidRate(double v) { nhsInvalidRate = v; return this; }
        public Builder upnRecordedRate(double v) { upnRecordedRate = v; return this; }
        public Builder twinRate(double v) { twinRate = v; return this; }
        public Builder unbornRate(double v) { unbornRate = v; return this; }
        public Builder prebirthRecordRate(double v) { prebirthRecordRate = v; return this; }
        public Builder adoptionRate(double v) { adoptionRate = v; return this; }
        public Builder sexUnknownRate(double v) { sexUnknownRate = v; return this; }
        public Builder retiredEthnicityRate(double v) { retiredEthnicityRate = v; return this; }
        public Builder ethnicityFreeTextRate(double v) { ethnicityFreeTextRate = v; return this; }
        public Builder ethnicityMissingRate(double v) { ethnicityMissingRate = v; return this; }
        public Builder postcodeVariantRate(double v) { postcodeVariantRate = v; return this; }
        public Builder noFixedAbodeRate(double v) { noFixedAbodeRate = v; return this; }
        public Builder deathRate(double v) { deathRate = v; return this; }

        /** Settings with every difficulty switched off, for tests that want clean data. */
        public Builder clean() {
            inTwoSystemsRate = 0; inThreeSystemsRate = 0; duplicateRate = 0; mergedInSourceRate = 0;
            mergeChainTwoStepShare = 0; softDeletedRate = 0; typingErrorRate = 0; nicknameRate = 0;
            surnameChangeRate = 0; doubleBarrelledRate = 0; doubleBarrelVariantRate = 0; caseVariantRate = 0;
            apostropheVariantRate = 0; accentedNameRate = 0; accentDropRate = 0; dayMonthSwapRate = 0;
            impossibleDobRate = 0; missingDobRate = 0; estimatedDobRate = 0; nhsMissingRate = 0;
            nhsSpacedRate = 0; nhsInvalidRate = 0; upnRecordedRate = 1; twinRate = 0; unbornRate = 0;
            prebirthRecordRate = 0; adoptionRate = 0; sexUnknownRate = 0; retiredEthnicityRate = 0;
            ethnicityFreeTextRate = 0; ethnicityMissingRate = 0; postcodeVariantRate = 0; noFixedAbodeRate = 0;
            deathRate = 0;
            return this;
        }

        public GeneratorSettings build() {
            return new GeneratorSettings(children, seed, deliveryDate, bournemouthWeight, pooleWeight,
                    christchurchWeight, inTwoSystemsRate, inThreeSystemsRate, duplicateRate, mergedInSourceRate,
                    mergeChainTwoStepShare, softDeletedRate, typingErrorRate, nicknameRate, surnameChangeRate,
                    doubleBarrelledRate, doubleBarrelVariantRate, caseVariantRate, apostropheVariantRate,
                    accentedNameRate, accentDropRate, dayMonthSwapRate, impossibleDobRate, missingDobRate,
                    estimatedDobRate, nhsMissingRate, nhsSpacedRate, nhsInvalidRate, upnRecordedRate, twinRate,
                    unbornRate, prebirthRecordRate, adoptionRate, sexUnknownRate, retiredEthnicityRate,
                    ethnicityFreeTextRate, ethnicityMissingRate, postcodeVariantRate, noFixedAbodeRate, deathRate);
        }
    }
}
