// Where the card is: taken at the end, lifted mid-way and put back, left on the take-card screen.
import { hashSerial } from './attempt-record';
import { isAttemptAborted } from './error-mapping';
import { SessionMachine } from './session-machine';
import { isResumable, resumeTarget, type ResumableState } from './session-state';

/**
 * The card's comings and goings over the machine: removal ends, lifts or leaves a message readable; the
 * same card put back within `card.resume` seconds takes up the attempt; a card left on the take-card
 * screen alerts staff.
 */
export abstract class CardPresenceMachine extends SessionMachine {
  /**
   * The card left the reader. On the take-card screen that ends the session. A message the patient
   * must read (error, registration declined, result) stays `card.afterLift` seconds. Mid-way, once the
   * card is known by its certificate, the card-lifted screen waits `card.resume` seconds for it.
   */
  cardRemoved(): void {
    if (this.ended) return;
    this.cardPresent = false;
    const s = this.state;
    switch (s.k) {
      case 'take-card':
        this.finish();
        return;
      case 'lifted':
        return;
      case 'result':
      case 'error':
      case 'registration-declined':
        this.armTimer();
        this.deps.onChange();
        return;
      default:
        if (isResumable(s) && this.attempt.certificateSerialHash) {
          this.lift(s);
          return;
        }
        this.cancelCardRemoved();
    }
  }

  /** The reader or its service went away: the card can no longer be seen, so the session ends now. */
  readerLost(): void {
    if (this.ended) return;
    this.cardPresent = false;
    if (!this.answered() && this.state.k !== 'take-card') {
      this.logEnd({ outcome: 'cancelled', errorCode: 'card.reader-gone' });
    }
    this.finish();
  }

  /** A card was placed on this reader while the session shows a screen that needs no card. */
  cardBack(): void {
    if (this.ended || this.state.k === 'lifted' || this.cardPresent) return;
    this.cardPresent = true;
    // A message being read after the lift now waits for the card to be taken again.
    this.armTimer();
    this.deps.onChange();
  }

  /** Powers the card off (a verified PIN never survives, my-number-card.md §10 pitfall 3) and waits. */
  protected lift(from: ResumableState): void {
    this.lifts += 1;
    this.link.release();
    if (this.link.pinState?.state === 'verified') this.link.pinState = undefined;
    this.state = { k: 'lifted', from, since: this.deps.clock.now() };
    if (from.k === 'visual-wait') this.deps.onVisual(false);
    this.armTimer();
    this.deps.onChange();
  }

  /**
   * A card was placed while the card-lifted screen shows. The same card (its certificate serial) takes
   * up the attempt where the card is needed again, with everything chosen so far; any other card ends
   * this attempt (a cancel, `card.removed`) and the answer is false, so the owner starts a new one.
   */
  async cardReturned(): Promise<boolean> {
    if (this.state.k !== 'lifted') {
      this.cardBack();
      return true;
    }
    this.cardPresent = true;
    const lifts = this.lifts;
    let same = false;
    try {
      await this.link.openShared();
      const serial = await this.link.readSerial();
      same = serial !== undefined && hashSerial(serial) === this.attempt.certificateSerialHash;
    } catch (error) {
      if (isAttemptAborted(error)) return true;
      same = false;
    }
    const s = this.state;
    if (this.ended) return true;
    if (s.k !== 'lifted' || this.lifts !== lifts || !this.cardPresent) {
      // The answer came meanwhile, or the card left again: nothing of this card is needed now.
      if (s.k !== 'lifted' || this.lifts !== lifts) return true;
      this.link.release();
      return true;
    }
    if (!same) {
      this.link.release();
      this.cardPresent = false;
      this.cancelCardRemoved();
      return false;
    }
    await this.resume(s.from);
    return true;
  }

  private async resume(from: ResumableState): Promise<void> {
    const route = this.attempt.route === 'card-visual' ? 'card-visual' : 'card-pin';
    const target = resumeTarget(from, { route, signed: this.link.signature !== undefined });
    if (target === 'from') {
      this.state = from;
      if (from.k === 'visual-wait') this.resumeVisual();
      else this.enter(from);
      return;
    }
    // The tries left are read again before the PIN pad shows; the card-lifted screen stays meanwhile, so
    // nothing can be submitted before them.
    const lifts = this.lifts;
    try {
      await this.link.readPinStatus();
    } catch (error) {
      if (this.ended || this.state.k !== 'lifted' || this.lifts !== lifts || !this.cardPresent) return;
      this.state = from;
      this.fail(error);
      return;
    }
    const s = this.state;
    if (this.ended || s.k !== 'lifted' || this.lifts !== lifts) return;
    this.state = s.from;
    if (this.applyGuards(false)) this.enter({ k: 'pin', wrong: false });
  }

  /** Back to waiting for staff 目視確認: the request shows on the staff console again. */
  protected abstract resumeVisual(): void;

  /**
   * The resume window closed with the card still away (a cancel, `card.removed`; with a call to the
   * eligibility system under way, once the attempt next needs the card), or a card has lain on the
   * take-card screen past `timeouts.takeCard` (staff are told once).
   */
  protected cardTimerFired(): void {
    const s = this.state;
    if (s.k === 'lifted') {
      // A call to the eligibility system is under way: its answer is recorded and shown when it comes.
      if (s.from.k === 'processing' && s.from.step !== 'verifying') {
        this.state = { ...s, closed: true };
        return;
      }
      this.cancelCardRemoved();
    } else if (this.state.k === 'take-card' && !this.leftAlerted) {
      this.leftAlerted = true;
      this.deps.onCardLeft?.(true);
    }
  }
}
