"""Item pipelines: metric extraction (:mod:`.metrics`), then storage (:mod:`.storage`)."""
