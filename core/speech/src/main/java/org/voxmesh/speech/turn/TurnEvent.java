package org.voxmesh.speech.turn;

/** What the turn detector reports. Times are milliseconds of audio from the start of the stream. */
public sealed interface TurnEvent permits SpeechStarted, SpeechStopped {}
