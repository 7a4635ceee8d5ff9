{ name : Text, replicas : Natural, tag : Optional Text, mode : < Fast | Slow > }
