// Keeps the server-side session alive while the user works in an interactive page, and returns to the
// login page after the idle timeout (the server has ended the session by then and says so).
(function () {
    const idleLimitMs = 30 * 60 * 1000;
    const pingEveryMs = 2 * 60 * 1000;
    let lastActivity = Date.now();
    let lastPing = Date.now();
    const mark = () => { lastActivity = Date.now(); };
    ["click", "keydown", "pointermove", "scroll", "touchstart"].forEach(e => document.addEventListener(e, mark, { passive: true }));
    setInterval(() => {
        const now = Date.now();
        if (now - lastActivity > idleLimitMs + 5000) {
            window.location.href = "/account/login?expired=1";
        } else if (lastActivity > lastPing && now - lastPing > pingEveryMs) {
            lastPing = now;
            fetch("/account/keepalive", { method: "POST", credentials: "same-origin" }).then(r => {
                if (r.status === 401 || r.redirected) { window.location.href = "/account/login?expired=1"; }
            });
        }
    }, 15000);
})();
