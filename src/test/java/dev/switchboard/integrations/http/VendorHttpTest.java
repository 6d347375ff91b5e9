package dev.switchboard.integrations.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.switchboard.common.Base62;
import dev.switchboard.crypto.SecretBox;
import dev.switchboard.ratelimit.RateLimiter;
import dev.switchboard.testing.VendorStandIns;
import dev.switchboard.wms.adapter.AdapterException;
import io.quarkus.test.junit.QuarkusTest;

/** The outbound stack itself: the shared budget, and the circuit per vendor. */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class VendorHttpTest {

    @Inject
    VendorHttp http;
    @Inject
    VendorBudget budget;
    @Inject
    DataSource dataSource;
    @Inject
    SecretBox secrets;

    private final WireMockServer standIn = VendorStandIns.shipbob();

    @AfterEach
    void reset() {
        VendorStandIns.reset();
    }

    @Test
    void two_instances_share_one_budget_per_credential() {
        Vendor vendor = new Vendor("budget-" + Base62.random(6), "Budget Vendor", standIn.baseUrl(), 3,
                Duration.ofMinutes(1));
        // A second instance: its own RateLimiter over the same database, nothing shared in memory.
        VendorBudget other = new VendorBudget();
        other.limiter = new RateLimiter(dataSource);
        other.secrets = secrets;

        budget.spend(vendor, "credential-a", null);
        other.spend(vendor, "credential-a", null);
        budget.spend(vendor, "credential-a", null);
        AdapterException spent = assertThrows(AdapterException.class, () -> other.spend(vendor, "credential-a", null));
        assertEquals(AdapterException.Kind.RATE_LIMITED, spent.kind());
        assertTrue(spent.retryAfter().compareTo(Duration.ZERO) > 0
                && spent.retryAfter().compareTo(Duration.ofMinutes(1)) <= 0, spent.retryAfter().toString());
        // Another credential of the same vendor has a budget of its own.
        other.spend(vendor, "credential-b", null);
    }

    @Test
    void an_exhausted_budget_stops_calls_before_they_reach_the_vendor() {
        standIn.stubFor(get(urlPathEqualTo("/budgeted")).willReturn(aResponse().withStatus(200).withBody("{}")));
        Vendor vendor = new Vendor("budget-" + Base62.random(6), "Budget Vendor", standIn.baseUrl(), 2,
                Duration.ofMinutes(1));
        VendorHttp.Call call = new VendorHttp.Call(vendor, "credential", null,
                VendorRequest.get(vendor.url("/budgeted")));
        http.send(call);
        http.send(call);
        AdapterException e = assertThrows(AdapterException.class, () -> http.send(call));
        assertEquals(AdapterException.Kind.RATE_LIMITED, e.kind());
        standIn.verify(2, getRequestedFor(urlPathEqualTo("/budgeted")));
    }

    @Test
    void a_failing_vendor_opens_its_circuit_and_calls_stop_reaching_it() {
        standIn.stubFor(post(urlPathEqualTo("/failing")).willReturn(aResponse().withStatus(500)));
        Vendor vendor = new Vendor("circuit-" + Base62.random(6), "Failing Vendor", standIn.baseUrl(), 0,
                Duration.ofMinutes(1));
        VendorHttp.Call call = new VendorHttp.Call(vendor, null, null, VendorRequest.post(vendor.url("/failing")));
        AdapterException last = null;
        for (int i = 0; i < 25; i++) {
            last = assertThrows(AdapterException.class, () -> http.send(call));
            assertEquals(AdapterException.Kind.TRANSIENT, last.kind());
        }
        assertTrue(last.getCause() instanceof CircuitBreakerOpenException, String.valueOf(last.getCause()));
        standIn.verify(20, postRequestedFor(urlPathEqualTo("/failing")));
    }

    @Test
    void a_post_is_not_retried_after_a_500() {
        standIn.stubFor(post(urlPathEqualTo("/once")).willReturn(aResponse().withStatus(503)));
        Vendor vendor = new Vendor("once-" + Base62.random(6), "Once Vendor", standIn.baseUrl(), 0,
                Duration.ofMinutes(1));
        assertThrows(AdapterException.class, () -> http.send(new VendorHttp.Call(vendor, null, null,
                VendorRequest.post(vendor.url("/once")))));
        standIn.verify(1, postRequestedFor(urlPathEqualTo("/once")));
    }
}
