package dev.parley.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A participant's role in the room. */
public enum Role {
    @JsonProperty("host") HOST,
    @JsonProperty("guest") GUEST
}
