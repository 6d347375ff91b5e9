package dev.switchboard.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks resources that anyone may call without a key: integration logos, and the hosted pages an organization's
 * customer opens. Such resources guard themselves (unguessable ids, single-use tokens) and never read tenant data
 * except through those.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PublicApi {
}
