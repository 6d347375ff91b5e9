-- What the hosted onboarding pages show of an organization, and where its Connect modal may be embedded.
alter table organization
    add column display_name    text check (length(display_name) between 1 and 100),
    add column logo_url        text check (length(logo_url) <= 2048),
    add column brand_color     text check (brand_color ~ '^#[0-9a-f]{6}$'),
    add column support_email   text check (length(support_email) <= 254),
    add column allowed_origins text[] not null default '{}';
