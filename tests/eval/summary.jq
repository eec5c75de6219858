# summary.jq — one folder's reports (slurped JSON Lines) → total, flagged (suspicious or
# worse), dangerous, and per flag id how many messages raised it and how many of those
# ended up flagged.
{
  total: length,
  flagged: map(select(.verdict != "safe")) | length,
  dangerous: map(select(.verdict == "dangerous")) | length,
  flags: [ .[] | .verdict as $v | (.flags // []) | map(.id) | unique[]
           | {id: ., hit: ($v != "safe")} ]
         | group_by(.id)
         | map({id: .[0].id, n: length, flagged: (map(select(.hit)) | length)})
         | sort_by(-.n)
}
