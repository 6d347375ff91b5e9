package dev.switchboard.sandbox.wms;

/** The words the simulated WMS builds names, addresses and tracking numbers from. */
final class Names {

    private Names() {
    }

    /** name, code prefix, street, city, state, postal code */
    static final String[][] SITES = {
            { "Bethlehem (PA)", "ABE", "Industrial Dr", "Bethlehem", "PA", "18017" },
            { "Reno (NV)", "RNO", "Lear Blvd", "Reno", "NV", "89506" },
            { "Memphis (TN)", "MEM", "Airways Blvd", "Memphis", "TN", "38118" },
            { "Ontario (CA)", "ONT", "Vineyard Ave", "Ontario", "CA", "91761" },
            { "Dallas (TX)", "DFW", "Logistics Pkwy", "Dallas", "TX", "75241" },
            { "Columbus (OH)", "CMH", "Alum Creek Dr", "Columbus", "OH", "43207" } };

    static final String[] MERCHANTS = { "Acme Outdoor Co", "Bluebird Apparel", "Cedar & Sage Home", "Driftwood Coffee",
            "Evergreen Pet Supply", "Foxglove Beauty" };

    static final String[] SUPPLIERS = { "Pacific Rim Manufacturing", "Great Lakes Packaging", "Sunrise Textiles",
            "Keystone Goods Ltd", "Harbor Import Partners", "Summit Components" };

    /** street, city, state, postal code, country */
    static final String[][] SUPPLIER_SITES = { { "Harbour Rd", "Shenzhen", "GD", "518000", "CN" },
            { "Commerce Way", "Grand Rapids", "MI", "49512", "US" },
            { "Nguyen Hue", "Ho Chi Minh City", "SG", "700000", "VN" },
            { "Industriestrasse", "Stuttgart", "BW", "70565", "DE" },
            { "Calle Norte", "Monterrey", "NL", "64000", "MX" } };

    static final String[] CHANNELS = { "{m} Shopify", "{m} Amazon", "{m} Wholesale (EDI)" };

    static final String[] ADJECTIVES = { "Classic", "Trail", "Everyday", "Summit", "Coastal", "Urban", "Organic",
            "Heritage", "Lightweight", "Insulated", "Merino", "Recycled" };

    static final String[] NOUNS = { "Water Bottle", "Hoodie", "Beanie", "Backpack", "Tumbler", "Candle", "Tote Bag",
            "Socks", "Camp Mug", "Blanket", "Notebook", "Dog Leash", "Face Serum", "Coffee Beans", "Headlamp",
            "Rain Jacket" };

    static final String[] KIT_NAMES = { "Starter", "Gift", "Explorer", "Weekend", "Holiday" };

    static final String[] ORIGINS = { "US", "CN", "VN", "MX", "PT", "IN" };

    static final String[] TRADING_PARTNERS = { "Target", "Walmart", "Nordstrom", "REI", "Costco" };

    static final String[] RETURN_REASONS = { "Too small", "Too large", "Damaged in transit", "Not as described",
            "Changed mind", "Wrong item shipped" };

    static final String[] FIRST_NAMES = { "Olivia", "Liam", "Emma", "Noah", "Ava", "Mateo", "Sophia", "Lucas", "Mia",
            "Ethan", "Amara", "Hiro", "Priya", "Diego", "Chloe", "Kwame" };

    static final String[] LAST_NAMES = { "Smith", "Garcia", "Nguyen", "Johnson", "Patel", "Kim", "Brown", "Martinez",
            "Okafor", "Rossi", "Cohen", "Silva", "Walker", "Tanaka" };

    static final String[] STREETS = { "Maple St", "Oak Ave", "Pine Rd", "Cedar Ln", "Elm St", "Lakeview Dr",
            "Sunset Blvd", "Main St", "Highland Ave", "River Rd" };

    /** city, state, postal code prefix */
    static final String[][] CITIES = { { "Austin", "TX", "787" }, { "Portland", "OR", "972" },
            { "Brooklyn", "NY", "112" }, { "Denver", "CO", "802" }, { "Chicago", "IL", "606" },
            { "Atlanta", "GA", "303" }, { "Seattle", "WA", "981" }, { "Boston", "MA", "021" },
            { "Phoenix", "AZ", "850" }, { "Nashville", "TN", "372" } };

    static final String[] STAFF_FIRST = { "Maria", "James", "Aisha", "Tomás", "Grace", "Dmitri", "Lena", "Marcus" };

    static final String[] STAFF_LAST = { "Lopez", "Wright", "Bello", "Reyes", "Chen", "Ivanov", "Fischer", "Hall" };

    // id, name, carrier id, carrier name, SCAC, service level
    static final int UPS_GROUND = 0, UPS_NEXT_DAY = 1, FEDEX_HOME = 2, FEDEX_2DAY = 3, USPS_PRIORITY = 4, LTL = 5;
    static final String[][] METHODS = {
            { "ups_ground", "UPS Ground", "ups", "UPS", "UPSN", "Standard" },
            { "ups_next_day_air", "UPS Next Day Air", "ups", "UPS", "UPSN", "Overnight" },
            { "fedex_home_delivery", "FedEx Home Delivery", "fedex", "FedEx", "FDEG", "Standard" },
            { "fedex_2day", "FedEx 2Day", "fedex", "FedEx", "FDXE", "Expedited" },
            { "usps_priority", "USPS Priority Mail", "usps", "USPS", "USPS", "Standard" },
            { "ltl_freight", "LTL Freight (Estes)", "estes", "Estes Express", "EXLA", "Freight" },
            { "dhl_express_worldwide", "DHL Express Worldwide", "dhl", "DHL Express", "DHLC", "International" } };

    static World.Address person(Rng r) {
        String first = r.pick(FIRST_NAMES);
        String last = r.pick(LAST_NAMES);
        String[] city = r.pick(CITIES);
        return new World.Address(first + " " + last, null, r.between(10, 9999) + " " + r.pick(STREETS),
                r.chance(0.3) ? "Apt " + r.between(1, 40) : null, city[0], city[1],
                city[2] + two(r.between(1, 99)), "US",
                "+1" + r.between(200, 989) + r.between(2000000, 9999999),
                first.toLowerCase() + "." + last.toLowerCase() + r.between(1, 99) + "@example.com");
    }

    static World.Address retailDc(Rng r, String partner) {
        String[] city = r.pick(CITIES);
        return new World.Address("Receiving Dept", partner + " DC " + r.between(3000, 9899),
                r.between(100, 9999) + " Distribution Way", null, city[0], city[1],
                city[2] + two(r.between(1, 99)), "US", "+1" + r.between(200, 989)
                        + r.between(2000000, 9999999),
                null);
    }

    /** A tracking number in the carrier's own format, and its public tracking page. */
    static String trackingNumber(Rng r, World.Method method) {
        return switch (method.carrierId()) {
            case "ups" -> "1Z" + alnum(r, 6) + "03" + digits(r, 8);
            case "fedex" -> digits(r, 12);
            case "usps" -> "9400" + digits(r, 18);
            case "dhl" -> digits(r, 10);
            default -> "PRO" + digits(r, 9);
        };
    }

    static String trackingUrl(World.Method method, String number) {
        return switch (method.carrierId()) {
            case "ups" -> "https://www.ups.com/track?tracknum=" + number;
            case "fedex" -> "https://www.fedex.com/fedextrack/?trknbr=" + number;
            case "usps" -> "https://tools.usps.com/go/TrackConfirmAction?tLabels=" + number;
            case "dhl" -> "https://www.dhl.com/us-en/home/tracking.html?tracking-id=" + number;
            default -> "https://www.estes-express.com/myestes/shipment-tracking/?pro=" + number;
        };
    }

    private static String two(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }

    private static String digits(Rng r, int count) {
        StringBuilder out = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            out.append((char) ('0' + r.between(0, 9)));
        }
        return out.toString();
    }

    private static String alnum(Rng r, int count) {
        String chars = "0123456789ABCDEFGHJKLMNPRSTUVWXY";
        StringBuilder out = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            out.append(chars.charAt(r.between(0, chars.length() - 1)));
        }
        return out.toString();
    }
}
