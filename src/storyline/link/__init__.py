"""Link stage: across articles — duplicates, canonical entities, merged events, disputes,
stories and outlet framing. `storyline.link.linker.Linker` is what the ingest writer uses."""
