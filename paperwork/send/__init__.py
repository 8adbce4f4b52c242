"""``paperwork send``: each recipient their own message, with what was built for them.

Four parts, each usable on its own:

- :mod:`~paperwork.send.plan`: who gets which built files, from the production and the
  builders' documents; pure, and where an address is missing or wrong, a located error at
  its table row before anything is sent;
- :mod:`~paperwork.send.compose`: the message itself (``email.message.EmailMessage``), its
  body written from a sandboxed Jinja text template the production may override, and its
  Message-ID and MIME boundary derived from its content, so a draft is the same bytes twice;
- :mod:`~paperwork.send.log`: ``sent.csv``, the send log that makes a re-run send only what
  is new or changed, and that records each message as attempted before it goes and as sent
  after, so a crash never duplicates one;
- :mod:`~paperwork.send.transport`: ``smtplib`` delivery with retries for transient
  failures, carrying on past a refused recipient.

Nothing here reads the clock or the environment: ``cli.py`` passes the time and the password.
"""
