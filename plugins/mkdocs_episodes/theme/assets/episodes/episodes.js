/* Reader control on episode pages: hide the host's commentary (opinion and analysis) and
   show it again. Only commentary collapses: its labelled header stays, so a reader can see
   where it was. The choice is kept in localStorage and applies to every episode page. */
(function () {
  "use strict";
  var KEY = "episodes.hideCommentary";
  var root = document.documentElement;

  function stored() {
    try { return window.localStorage.getItem(KEY) === "1"; } catch (e) { return false; }
  }
  function store(hidden) {
    try { window.localStorage.setItem(KEY, hidden ? "1" : "0"); } catch (e) { /* private mode */ }
  }
  function apply(hidden) {
    root.classList.toggle("ep-hide-commentary", hidden);
    var buttons = document.querySelectorAll("[data-ep-toggle=commentary]");
    for (var i = 0; i < buttons.length; i++) {
      var b = buttons[i];
      b.setAttribute("aria-pressed", hidden ? "true" : "false");
      b.textContent = hidden ? b.getAttribute("data-label-show") : b.getAttribute("data-label-hide");
    }
  }
  function init() {
    var buttons = document.querySelectorAll("[data-ep-toggle=commentary]");
    for (var i = 0; i < buttons.length; i++) {
      if (buttons[i].hasAttribute("data-ep-ready")) continue;
      buttons[i].setAttribute("data-ep-ready", "");
      buttons[i].hidden = false;
      buttons[i].addEventListener("click", function () {
        var hidden = !root.classList.contains("ep-hide-commentary");
        store(hidden);
        apply(hidden);
      });
    }
    apply(stored());
  }
  // Material's instant navigation swaps the page without loading it: its document$ says
  // when each page (the first too) is in place; without it, the page's own load.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

/* A click in a transcript line's gutter (its number) links that line: #L57. */
document.addEventListener("click", function (event) {
  var line = event.target;
  if (!line || !line.classList || !line.classList.contains("ep-l")) return;
  var padding = parseFloat(getComputedStyle(line).paddingLeft) || 0;
  if (event.clientX - line.getBoundingClientRect().left <= padding) {
    location.hash = line.id;
  }
});

/* Listen along (format §7): the page's player ([data-player]) and its transcript follow
   each other. A line's time link seeks the player to the line's data-start; while media
   plays, the line being spoken carries aria-current="time" (one line at a time); "follow"
   (opt-in) keeps that line in view until the reader scrolls. YouTube is loaded only when
   the reader presses its button, then driven through its IFrame API. Mounted for each
   page Material's instant navigation shows, and torn down before the next. */
(function () {
  "use strict";
  var current = null; /* the mounted page's player: {media, stop} */

  function lineList() {
    return Array.prototype.slice.call(document.querySelectorAll(".ep-l[data-start]"));
  }

  /* The index of the line spoken at time t: the last one starting at or before it. */
  function spokenAt(starts, t) {
    var lo = 0, hi = starts.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (starts[mid] <= t + 0.05) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }

  /* The browser's own <audio>/<video> as the player the transcript drives. */
  function fileMedia(el) {
    return {
      ready: true,
      time: function () { return el.currentTime; },
      playing: function () { return !el.paused; },
      seek: function (s) { el.currentTime = s; var p = el.play(); if (p && p.catch) p.catch(function () {}); },
      listen: function (cb) {
        ["timeupdate", "seeked", "play", "pause"].forEach(function (n) { el.addEventListener(n, cb); });
      },
      stop: function () { el.pause(); }
    };
  }

  /* YouTube through its IFrame API (https://developers.google.com/youtube/iframe_api_reference):
     YT.Player(element, {videoId, events: {onReady, onStateChange}}), getCurrentTime(),
     seekTo(seconds, true), playVideo(), pauseVideo(), getPlayerState(). The API has no
     time event: the time is read four times a second while the video plays. */
  function youtubeMedia(box) {
    var media = { ready: false, player: null, timer: null, pending: null };
    media.time = function () { return media.player ? media.player.getCurrentTime() : 0; };
    media.playing = function () {
      return !!media.player && media.player.getPlayerState() === 1;
    };
    media.seek = function (s) {
      if (!media.ready) { media.pending = s; return; }
      media.player.seekTo(s, true);
      media.player.playVideo();
    };
    media.listen = function (cb) { media.cb = cb; };
    media.stop = function () {
      clearInterval(media.timer);
      if (media.player && media.player.pauseVideo) media.player.pauseVideo();
    };
    media.load = function () {
      var holder = box.querySelector(".ep-player-yt");
      var target = document.createElement("div");
      holder.replaceWith(target);
      function make() {
        media.player = new window.YT.Player(target, {
          videoId: holder.getAttribute("data-youtube-id"),
          playerVars: { playsinline: 1, rel: 0 },
          events: {
            onReady: function () {
              media.ready = true;
              var follow = box.querySelector("[data-ep-follow]");
              if (follow) follow.hidden = false;
              if (media.pending !== null) media.seek(media.pending);
            },
            onStateChange: function () {
              clearInterval(media.timer);
              if (media.playing()) media.timer = setInterval(function () { media.cb && media.cb(); }, 250);
              if (media.cb) media.cb();
            }
          }
        });
      }
      if (window.YT && window.YT.Player) { make(); return; }
      var before = window.onYouTubeIframeAPIReady;
      window.onYouTubeIframeAPIReady = function () {
        if (typeof before === "function") before();
        make();
      };
      var script = document.createElement("script");
      script.src = "https://www.youtube.com/iframe_api";
      document.head.appendChild(script);
    };
    return media;
  }

  function mount() {
    if (current) { current.stop(); current = null; }
    var box = document.querySelector("[data-player]");
    if (!box) return;
    var lines = lineList();
    var starts = lines.map(function (l) { return parseFloat(l.getAttribute("data-start")); });
    var follow = box.querySelector("[data-ep-follow]");
    var spoken = -1;
    var following = false;
    var el = box.querySelector("audio, video");
    var media = el ? fileMedia(el) : youtubeMedia(box);

    function mark() {
      var i = media.ready ? spokenAt(starts, media.time()) : -1;
      if (i === spoken) return;
      if (spoken >= 0 && lines[spoken]) lines[spoken].removeAttribute("aria-current");
      spoken = i;
      if (i < 0) return;
      lines[i].setAttribute("aria-current", "time");
      if (following) lines[i].scrollIntoView({ block: "center", behavior: "smooth" });
    }
    function setFollow(on) {
      following = on;
      follow.setAttribute("aria-pressed", on ? "true" : "false");
      if (on && spoken >= 0) lines[spoken].scrollIntoView({ block: "center", behavior: "smooth" });
    }
    /* the reader scrolling away ends following; the button brings it back */
    function away() { if (following) setFollow(false); }
    function onKey(e) {
      if (["PageUp", "PageDown", "ArrowUp", "ArrowDown", "Home", "End", " "].indexOf(e.key) >= 0 &&
          !(e.target && e.target.closest && e.target.closest("[data-player]"))) away();
    }
    media.listen(mark);
    if (follow) {
      follow.hidden = !media.ready; /* YouTube: once it is loaded */
      follow.addEventListener("click", function () { setFollow(!following); });
    }
    window.addEventListener("wheel", away, { passive: true });
    window.addEventListener("touchmove", away, { passive: true });
    window.addEventListener("keydown", onKey);
    var load = box.querySelector("[data-ep-load]");
    if (load) load.addEventListener("click", function () { media.load(); });

    current = {
      media: media,
      starts: starts,
      lines: lines,
      stop: function () {
        media.stop();
        window.removeEventListener("wheel", away);
        window.removeEventListener("touchmove", away);
        window.removeEventListener("keydown", onKey);
        if (spoken >= 0 && lines[spoken]) lines[spoken].removeAttribute("aria-current");
      }
    };
  }

  /* A time link seeks the page's player to its line's start (when the player can play:
     before YouTube is loaded, the link still opens YouTube at that time). */
  document.addEventListener("click", function (event) {
    if (!current || !current.media.ready || event.defaultPrevented) return;
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    var link = event.target && event.target.closest && event.target.closest(".ep-ts[href]");
    var line = link && link.closest(".ep-l[data-start]");
    if (!line) return;
    event.preventDefault();
    current.media.seek(parseFloat(line.getAttribute("data-start")));
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(mount);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mount);
  } else {
    mount();
  }
})();

/* Material's navigation.tracking writes the section being read into the address as the
   reader scrolls (history.replaceState): a line's own anchor (#L57, the address a reader
   shares) is kept instead. Moving to another anchor or page is unaffected. */
(function () {
  "use strict";
  if (history.__episodesLineAnchor) return;
  history.__episodesLineAnchor = true;
  var replace = history.replaceState;
  history.replaceState = function (state, title, url) {
    try {
      if (url !== undefined && url !== null && /^#L\d+(?:\.\d+)?$/.test(location.hash) &&
          document.getElementById(location.hash.slice(1))) {
        var next = new URL(String(url), location.href);
        if (next.pathname === location.pathname && next.search === location.search &&
            next.hash !== location.hash) {
          return replace.call(history, state, title, location.href);
        }
      }
    } catch (e) { /* an address the browser refuses: let it say so */ }
    return replace.apply(history, arguments);
  };
})();
