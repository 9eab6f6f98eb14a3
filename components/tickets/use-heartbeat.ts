"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect } from "react";
import { useTRPC } from "@/components/providers/trpc";
import type { Viewer } from "./types";

// The server forgets a viewer after 45 s without a beat.
const BEAT_MS = 15_000;

/** Tells the server this user has the ticket open, every ~15 s while it is; answers the other viewers. */
export function useHeartbeat(ticketId: string, selfId: string): Viewer[] {
  const trpc = useTRPC();
  const { mutate, data } = useMutation(trpc.tickets.presence.heartbeat.mutationOptions());

  useEffect(() => {
    const beat = () => mutate({ ticketId });
    beat();
    const timer = setInterval(beat, BEAT_MS);
    return () => clearInterval(timer);
  }, [mutate, ticketId]);

  return (data ?? []).filter((viewer) => viewer.id !== selfId);
}
