"""The auditor: fetched pages -> snapshots -> checks -> scores on the four criteria."""
