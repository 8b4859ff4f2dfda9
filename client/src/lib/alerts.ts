/**
 * How this device alerts the user: a sound and a vibration for emergencies (switchable, kept in
 * localStorage per device) and the browser's notification when the tab is in the background.
 */
const SOUND_KEY = 'hpb.alertSound';

/** On unless the user switched it off on this device: a night shift must not miss the first emergency. */
export function soundEnabled(): boolean {
  return localStorage.getItem(SOUND_KEY) !== 'off';
}

export function setSoundEnabled(on: boolean): void {
  localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');
}

let audio: AudioContext | null = null;

/** Three short high tones and a vibration; silent when switched off. Returns whether it played. */
export function playEmergencyAlert(): boolean {
  if (!soundEnabled()) return false;
  navigator.vibrate?.([400, 150, 400, 150, 400]);
  try {
    audio ??= new AudioContext();
    void audio.resume();
    const t0 = audio.currentTime;
    for (let i = 0; i < 3; i++) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.type = 'square';
      osc.frequency.value = 880;
      gain.gain.setValueAtTime(0.2, t0 + i * 0.35);
      gain.gain.setValueAtTime(0, t0 + i * 0.35 + 0.2);
      osc.connect(gain).connect(audio.destination);
      osc.start(t0 + i * 0.35);
      osc.stop(t0 + i * 0.35 + 0.25);
    }
    return true;
  } catch {
    return false; // no audio device: the vibration and the visible alert remain
  }
}

/** The browser's own notification, only when the tab is hidden (the page shows it otherwise). */
export function notifyInBackground(title: string, body: string, tag: string, onClick: () => void): void {
  if (!document.hidden || typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const n = new Notification(title, { body, tag, icon: '/icon.svg' });
  n.onclick = () => {
    window.focus();
    onClick();
    n.close();
  };
}
