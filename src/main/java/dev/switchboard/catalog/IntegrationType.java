package dev.switchboard.catalog;

import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonValue;

import dev.switchboard.common.WireValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The five kinds of system a customer can connect (seed 002). */
@RegisterForReflection
public enum IntegrationType implements WireValue {

    WMS("wms"),
    FREIGHT("freight"),
    CART("cart"),
    CARRIER("carrier"),
    ERP("erp");

    private final String value;

    IntegrationType(String value) {
        this.value = value;
    }

    @Override
    @JsonValue
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }

    @Converter(autoApply = true)
    public static class DbConverter extends WireValue.DbConverter<IntegrationType> {

        public DbConverter() {
            super(IntegrationType.class);
        }
    }
}
