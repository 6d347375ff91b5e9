package dev.switchboard.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.switchboard.tenant.Scope;

/**
 * The scope an endpoint needs. Without it: {@code read} for GET and HEAD, {@code write} for everything else.
 * Method annotations win over class annotations.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface RequiresScope {

    Scope value();
}
