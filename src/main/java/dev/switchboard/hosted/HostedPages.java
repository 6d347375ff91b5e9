package dev.switchboard.hosted;

import java.util.List;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The hosted pages' templates ({@code src/main/resources/templates/HostedPages/}), checked at build time. */
@CheckedTemplate(basePath = "HostedPages")
final class HostedPages {

    private HostedPages() {
    }

    static native TemplateInstance picker(View.Page page, String kind, List<View.Choice> choices, String action,
            List<View.Hidden> hidden, String alert);

    static native TemplateInstance form(View.Page page, View.Choice choice, List<View.Field> fields, String action,
            String alert, boolean reinstall, String backAction, List<View.Hidden> hidden);

    static native TemplateInstance done(View.Page page, String integrationName, View.Result result);

    static native TemplateInstance problem(View.Page page, String heading, String message, String next);
}
