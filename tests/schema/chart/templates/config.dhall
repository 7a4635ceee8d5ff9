{ apiVersion = "v1"
, kind = "ConfigMap"
, metadata.name = "typed"
, data = toMap
    { name = "{{ .Values.name }}"
    , replicas = "{{ .Values.replicas }}"
    , mode = "{{ .Values.mode }}"
    }
}
