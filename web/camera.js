// getUserMedia around one <video>: start with a facing mode, switch, stop, and grab
// frames as ImageBitmaps (downscaled for live analysis, full size for the photo).
// Grabbing with createImageBitmap keeps the pixel read-back off the main thread: the
// bitmap is transferred to the Worker, which reads its pixels there.

export class Camera {
  constructor(video) {
    this.video = video;
    this.stream = null;
    this.facingMode = 'user';
  }

  get active() {
    return Boolean(this.stream?.active);
  }

  get width() {
    return this.video.videoWidth;
  }

  get height() {
    return this.video.videoHeight;
  }

  static async videoInputCount() {
    try {
      const devices = await navigator.mediaDevices.enumerateDevices();
      return devices.filter((device) => device.kind === 'videoinput').length;
    } catch {
      return 0;
    }
  }

  async start(facingMode = this.facingMode) {
    this.stop();
    if (!navigator.mediaDevices?.getUserMedia) throw new Error('getUserMedia is not available (needs https or localhost)');
    this.facingMode = facingMode;
    // Ask for a high resolution: the photo is cut from the full frame, and a 480x640
    // output needs at least 640 rows of face-and-shoulders.
    this.stream = await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { facingMode: { ideal: facingMode }, width: { ideal: 1920 }, height: { ideal: 1920 } },
    });
    this.video.srcObject = this.stream;
    this.video.muted = true;
    this.video.playsInline = true;
    await this.video.play();
    if (!this.video.videoWidth) {
      await new Promise((resolve) => this.video.addEventListener('loadedmetadata', resolve, { once: true }));
    }
    // Start-up milestone (bench/app-startup.mjs): the first camera's frames are playing.
    if (!performance.getEntriesByName('gradphoto-camera-on').length) performance.mark('gradphoto-camera-on');
  }

  stop() {
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = null;
    this.video.srcObject = null;
  }

  // A frame as an ImageBitmap, its longest side at most maxSide (no limit: full size).
  grab(maxSide = Infinity) {
    const { videoWidth: width, videoHeight: height } = this.video;
    if (!width || !height) return Promise.reject(new Error('no video frame yet'));
    const scale = Math.min(1, maxSide / Math.max(width, height));
    if (scale === 1) return createImageBitmap(this.video);
    return createImageBitmap(this.video, {
      resizeWidth: Math.round(width * scale),
      resizeHeight: Math.round(height * scale),
      resizeQuality: 'medium',
    });
  }
}
