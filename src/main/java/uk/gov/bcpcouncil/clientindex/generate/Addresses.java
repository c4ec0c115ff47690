package uk.gov.bcpcouncil.clientindex.generate;

import java.util.List;
import java.util.SplittableRandom;

/** Plausible BCP and nearby addresses with postcodes in their standard form. */
final class Addresses {

    /** Where an address lies. */
    enum Area { BOURNEMOUTH, POOLE, CHRISTCHURCH, ELSEWHERE }

    /** One address as a family would give it; {@code postcode} is standard form or "NFA". */
    record Place(String line1, String line2, String town, String postcode, boolean noFixedAbode) {

        static final Place NO_FIXED_ABODE = new Place(null, null, null, "NFA", true);

        /** The address lines joined with ", ", as Poole and Dorset hold them. */
        String joined() {
            StringBuilder out = new StringBuilder();
            for (String part : new String[] {line1, line2, town}) {
                if (part != null && !part.isEmpty()) {
                    if (out.length() > 0) {
                        out.append(", ");
                    }
                    out.append(part);
                }
            }
            return out.toString();
        }
    }

    private record Locality(String name, String town, String district) {
    }

    private static final List<Locality> BOURNEMOUTH = List.of(
            new Locality("Boscombe", "Bournemouth", "BH1"), new Locality("Springbourne", "Bournemouth", "BH1"),
            new Locality(null, "Bournemouth", "BH2"), new Locality("Westbourne", "Bournemouth", "BH4"),
            new Locality("Pokesdown", "Bournemouth", "BH5"), new Locality("Southbourne", "Bournemouth", "BH6"),
            new Locality("Tuckton", "Bournemouth", "BH6"), new Locality("Iford", "Bournemouth", "BH7"),
            new Locality("Charminster", "Bournemouth", "BH8"), new Locality("Queens Park", "Bournemouth", "BH8"),
            new Locality("Winton", "Bournemouth", "BH9"), new Locality("Moordown", "Bournemouth", "BH9"),
            new Locality("Ensbury Park", "Bournemouth", "BH10"), new Locality("Kinson", "Bournemouth", "BH11"),
            new Locality("West Howe", "Bournemouth", "BH11"), new Locality("Throop", "Bournemouth", "BH8"));
    private static final List<Locality> POOLE = List.of(
            new Locality("Parkstone", "Poole", "BH12"), new Locality("Branksome", "Poole", "BH12"),
            new Locality("Alderney", "Poole", "BH12"), new Locality("Newtown", "Poole", "BH12"),
            new Locality("Lower Parkstone", "Poole", "BH14"), new Locality("Oakdale", "Poole", "BH15"),
            new Locality("Hamworthy", "Poole", "BH15"), new Locality(null, "Poole", "BH15"),
            new Locality("Upton", "Poole", "BH16"), new Locality("Canford Heath", "Poole", "BH17"),
            new Locality("Creekmoor", "Poole", "BH17"), new Locality(null, "Broadstone", "BH18"));
    private static final List<Locality> CHRISTCHURCH = List.of(
            new Locality(null, "Christchurch", "BH23"), new Locality("Highcliffe", "Christchurch", "BH23"),
            new Locality("Mudeford", "Christchurch", "BH23"), new Locality("Somerford", "Christchurch", "BH23"),
            new Locality("Burton", "Christchurch", "BH23"), new Locality("Walkford", "Christchurch", "BH23"),
            new Locality("Purewell", "Christchurch", "BH23"));
    private static final List<Locality> ELSEWHERE = List.of(
            new Locality(null, "Ferndown", "BH22"), new Locality("Colehill", "Wimborne", "BH21"),
            new Locality(null, "Ringwood", "BH24"), new Locality(null, "New Milton", "BH25"),
            new Locality(null, "Verwood", "BH31"), new Locality(null, "Wareham", "BH20"),
            new Locality(null, "Dorchester", "DT1"), new Locality("Shirley", "Southampton", "SO15"),
            new Locality(null, "Salisbury", "SP1"), new Locality("St Leonards", "Ringwood", "BH24"));

    private static final List<String> BOURNEMOUTH_STREETS = List.of("Ashley Road", "Christchurch Road",
            "Wimborne Road", "Charminster Road", "Holdenhurst Road", "Castle Lane West", "Richmond Park Road",
            "Southbourne Grove", "Seabourne Road", "Poole Road", "Alma Road", "Malvern Road", "Talbot Road",
            "Kinson Road", "Muscliff Lane", "Redhill Drive", "Ensbury Avenue", "Portman Road", "St Clements Road",
            "Palmerston Road", "Windham Road", "Cecil Road", "Stokewood Road", "Shelley Road", "Capstone Road",
            "Harewood Avenue", "Columbia Road", "Moordown Close", "Lansdowne Road", "Gervis Road");
    private static final List<String> POOLE_STREETS = List.of("Ashley Road", "Ringwood Road",
            "Constitution Hill Road", "Blandford Road", "Sandbanks Road", "Bournemouth Road", "Herbert Avenue",
            "Rossmore Road", "Wimborne Road", "Mannings Heath Road", "Canford Heath Road", "Northmead Drive",
            "Waterloo Road", "Kingland Road", "High Street", "Longfleet Road", "Fernside Road", "Alder Road",
            "Churchill Road", "Cynthia Road", "Turlin Road", "Learoyd Road", "Tatnam Road", "Dale Valley Road");
    private static final List<String> CHRISTCHURCH_STREETS = List.of("Barrack Road", "Lymington Road",
            "Stony Lane", "Bure Lane", "Somerford Road", "Purewell", "Fairmile Road", "Salisbury Road",
            "Waterford Road", "Hinton Wood Avenue", "Mudeford Lane", "Ringwood Road", "Jumpers Road", "Stanpit",
            "Bridge Street", "Castle Street", "Caroline Avenue", "Burnham Road", "Sea View Road", "Braemar Drive");
    private static final List<String> OTHER_STREETS = List.of("Victoria Road", "Station Road", "Church Lane",
            "Mill Lane", "The Avenue", "Park Road", "Queens Road", "New Road", "Kings Avenue", "Manor Road");

    /** Letters allowed in the inward code of a postcode. */
    private static final String INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";

    private Addresses() {
    }

    static Place draw(Area area, SplittableRandom random) {
        List<Locality> localities;
        List<String> streets;
        switch (area) {
            case BOURNEMOUTH -> { localities = BOURNEMOUTH; streets = BOURNEMOUTH_STREETS; }
            case POOLE -> { localities = POOLE; streets = POOLE_STREETS; }
            case CHRISTCHURCH -> { localities = CHRISTCHURCH; streets = CHRISTCHURCH_STREETS; }
            default -> { localities = ELSEWHERE; streets = OTHER_STREETS; }
        }
        Locality locality = localities.get(random.nextInt(localities.size()));
        String street = (1 + random.nextInt(random.nextInt(4) == 0 ? 250 : 60)) + " "
                + streets.get(random.nextInt(streets.size()));
        String postcode = locality.district() + " " + random.nextInt(10)
                + INWARD_LETTERS.charAt(random.nextInt(INWARD_LETTERS.length()))
                + INWARD_LETTERS.charAt(random.nextInt(INWARD_LETTERS.length()));
        if (random.nextInt(7) == 0) {
            return new Place("Flat " + (1 + random.nextInt(12)), street, locality.town(), postcode, false);
        }
        return new Place(street, locality.name(), locality.town(), postcode, false);
    }

    /** A postcode as someone might type it: lower case, no space, two spaces, a stray space... */
    static String typedPostcode(String postcode, SplittableRandom random) {
        if (postcode == null || "NFA".equals(postcode)) {
            return postcode;
        }
        return switch (random.nextInt(6)) {
            case 0 -> postcode.toLowerCase(java.util.Locale.ROOT);
            case 1 -> postcode.replace(" ", "");
            case 2 -> postcode.replace(" ", "  ");
            case 3 -> postcode.toLowerCase(java.util.Locale.ROOT).replace(" ", "");
            case 4 -> " " + postcode;
            default -> postcode.charAt(0) + postcode.substring(1).toLowerCase(java.util.Locale.ROOT);
        };
    }
}
