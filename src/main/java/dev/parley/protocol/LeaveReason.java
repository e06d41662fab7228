package dev.parley.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Why a participant left the room, as carried by {@link Frame.Left#reason()}. */
public enum LeaveReason {
    /** The participant said {@code bye}. */
    @JsonProperty("quit") QUIT,
    /** Nothing was heard from it for the idle timeout. */
    @JsonProperty("timeout") TIMEOUT,
    /** It could not keep up with the room's traffic. */
    @JsonProperty("slow") SLOW,
    /** Its connection broke or ended without {@code bye}, or it sent something the server had to refuse. */
    @JsonProperty("error") ERROR,
    /** The host ended the chat. */
    @JsonProperty("shutdown") SHUTDOWN
}
