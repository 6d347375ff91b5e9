package dev.switchboard;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package rules of {@code docs/ARCHITECTURE.md}, checked on the main classes. Rules are written per top-level
 * package ({@code dev.switchboard.<name>..}), so packages that do not exist yet are held to them when they arrive.
 * <p>
 * The layers, bottom up: the foundation ({@link #FOUNDATION}); {@code ratelimit}; {@code auth}; then the features,
 * among them {@code organization} below {@code apikey} (keys belong to an organization); {@code event} and the
 * data plane's contracts ({@code wms}, {@code wms.adapter}) are shared vocabulary that features use and never the
 * reverse; {@code hosted} and {@code mcp} are outer edges that nothing else calls.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ArchitectureTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.switchboard");
    }

    /** Packages every feature may use and that use no feature. */
    static final String[] FOUNDATION = { "dev.switchboard.tenant..", "dev.switchboard.common..",
            "dev.switchboard.error..", "dev.switchboard.config..", "dev.switchboard.db..", "dev.switchboard.crypto..",
            "dev.switchboard.http.." };

    private static String[] foundationAnd(String... more) {
        return Stream.concat(Arrays.stream(FOUNDATION), Arrays.stream(more)).toArray(String[]::new);
    }

    /** A rule that may use only the given packages of ours (anything outside {@code dev.switchboard} is free). */
    private static ArchRule mayOnlyUse(String packages, String... allowed) {
        return classes().that().resideInAPackage(packages).should().onlyDependOnClassesThat(
                not(resideInAnyPackage("dev.switchboard..")).or(resideInAnyPackage(allowed)))
                .allowEmptyShould(true);
    }

    @Test
    void top_level_packages_have_no_cycles() {
        slices().matching("dev.switchboard.(*)..").should().beFreeOfCycles().check(main);
    }

    /** Every package on its own, sub-packages included ({@code wms} and {@code wms.adapter} are two). */
    @Test
    void no_package_has_cycles() {
        slices().matching("dev.switchboard.(**)").should().beFreeOfCycles().check(main);
    }

    @Test
    void tenant_uses_only_common() {
        mayOnlyUse("dev.switchboard.tenant..", "dev.switchboard.tenant..", "dev.switchboard.common..").check(main);
    }

    @Test
    void common_uses_nothing_of_ours() {
        mayOnlyUse("dev.switchboard.common..", "dev.switchboard.common..").check(main);
    }

    @Test
    void the_foundation_uses_no_feature() {
        classes().that().resideInAnyPackage(FOUNDATION).should()
                .onlyDependOnClassesThat(
                        not(resideInAnyPackage("dev.switchboard..")).or(resideInAnyPackage(FOUNDATION)))
                .check(main);
    }

    @Test
    void rate_limits_use_only_the_foundation() {
        mayOnlyUse("dev.switchboard.ratelimit..", foundationAnd("dev.switchboard.ratelimit..")).check(main);
    }

    /** Authentication reaches keys through {@code auth.KeyLookup}, which {@code apikey} implements. */
    @Test
    void auth_uses_no_feature() {
        mayOnlyUse("dev.switchboard.auth..", foundationAnd("dev.switchboard.auth..", "dev.switchboard.ratelimit.."))
                .check(main);
    }

    /** Keys belong to an organization: {@code organization} issues first keys through {@code FirstAdminKeys}. */
    @Test
    void organizations_know_no_keys() {
        mayOnlyUse("dev.switchboard.organization..",
                foundationAnd("dev.switchboard.organization..", "dev.switchboard.auth..")).check(main);
    }

    @Test
    void the_catalog_is_read_by_features_and_reads_none() {
        mayOnlyUse("dev.switchboard.catalog..", foundationAnd("dev.switchboard.catalog..", "dev.switchboard.auth.."))
                .check(main);
    }

    /** Events are the vocabulary between a feature and its observers; they know neither side. */
    @Test
    void events_know_neither_publisher_nor_observer() {
        mayOnlyUse("dev.switchboard.event..", foundationAnd("dev.switchboard.event..", "dev.switchboard.catalog.."))
                .check(main);
    }

    /** The data plane's shared contracts (functions, adapters, pages, windows): engines and vendors build on them. */
    @Test
    void the_data_plane_contracts_use_only_the_foundation() {
        String[] contracts = { "dev.switchboard.wms", "dev.switchboard.wms.adapter" };
        classes().that().resideInAnyPackage(contracts).should()
                .onlyDependOnClassesThat(not(resideInAnyPackage("dev.switchboard..")).or(resideInAnyPackage(
                        foundationAnd("dev.switchboard.wms", "dev.switchboard.wms.adapter",
                                "dev.switchboard.catalog.."))))
                .allowEmptyShould(true).check(main);
    }

    /**
     * A vendor adapter turns a vendor's API into the contracts; it knows nothing of who calls it or of the API edge.
     */
    @Test
    void vendor_adapters_know_no_caller() {
        noClasses().that().resideInAPackage("dev.switchboard.integrations..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.switchboard.auth..", "dev.switchboard.apikey..",
                        "dev.switchboard.organization..", "dev.switchboard.magiclink..", "dev.switchboard.hosted..",
                        "dev.switchboard.webhook..", "dev.switchboard.sync..", "dev.switchboard.mcp..",
                        "dev.switchboard.sandbox..")
                .allowEmptyShould(true).check(main);
    }

    /** Server-rendered pages are an outer edge: nothing else calls them. */
    @Test
    void nothing_uses_the_hosted_pages() {
        noClasses().that().resideOutsideOfPackage("dev.switchboard.hosted..").should().dependOnClassesThat()
                .resideInAPackage("dev.switchboard.hosted..").check(main);
    }

    /** The MCP server is an outer edge, like the REST resources: nothing else calls it. */
    @Test
    void nothing_uses_the_mcp_server() {
        noClasses().that().resideOutsideOfPackage("dev.switchboard.mcp..").should().dependOnClassesThat()
                .resideInAPackage("dev.switchboard.mcp..").check(main);
    }

    /**
     * The time comes from the injected {@code java.time.Clock} (common.Clocks; testing.TestClock in the suite), so
     * tests move time instead of sleeping. Only the producer reads the system clock.
     */
    @Test
    void time_is_read_through_the_injected_clock() {
        noClasses().that().resideOutsideOfPackage("dev.switchboard.common..").should()
                .callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.OffsetDateTime.class, "now")
                .orShould().callMethod(java.time.LocalDate.class, "now")
                .orShould().callMethod(java.time.Clock.class, "systemUTC")
                .check(main);
    }
}
