"""The builder: sitekit.toml and Markdown content -> themed, static, benefit-first pages."""
