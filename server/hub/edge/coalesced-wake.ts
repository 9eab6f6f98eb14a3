/**
 * A wake-up that is never sent twice at once: asked for while one is in flight, it is sent once more after that
 * one settles, so whatever committed before the last ask is announced, at one statement at a time however many
 * inserts finish meanwhile.
 */
export function coalescedWake(send: () => Promise<void>, onError: (error: unknown) => void): () => void {
  let inFlight = false;
  let again = false;
  const wake = (): void => {
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    send()
      .catch(onError)
      .finally(() => {
        inFlight = false;
        if (again) {
          again = false;
          wake();
        }
      });
  };
  return wake;
}
