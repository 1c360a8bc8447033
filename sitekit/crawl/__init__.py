"""The crawler: a URL, a folder or one file -> fetched pages, politely and within bounds."""
