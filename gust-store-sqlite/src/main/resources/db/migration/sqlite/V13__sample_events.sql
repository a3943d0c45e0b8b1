-- The JSON event an AOT cache training invokes the function with (sample-event in gust.yaml); NULL when none.
ALTER TABLE function_versions ADD COLUMN sample_event TEXT;
