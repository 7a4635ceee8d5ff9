-- The typed library of the manifests (Polar's types/package.dhall): the
-- pinned dhall-kubernetes, the shared settings and helpers. Excluded from
-- rendering by the glob `types/**`; every component imports it, pinned by its
-- hash (`polar-helm freeze --all`).
let kubernetes = ./kubernetes.dhall sha256:263ee915ef545f2d771fdcd5cfa4fbb7f62772a861b5c197f998e5b71219112c

in  { kubernetes
    , Resource = kubernetes.Resource
    , settings = ./settings.dhall sha256:db97dbc30d985927995de0b6ed57e0516b49bb94a9ba7e595c77ac0d48bcc0d1
    , functions = ./functions.dhall sha256:244d2d15625934ca2f94c35931ea6ff9c5e3db3253b39c1d341dd85d75ed2f10
    }
