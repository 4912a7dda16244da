;;; eglotClient.el --- drive Emacs's eglot against the server, as a user would  -*- lexical-binding: t -*-
;; Loads docs/editors.md's eglot snippet ($RM_SNIPPET), opens $RM_FILE, waits for Flymake's diagnostics,
;; asks for a hover and the code actions on the first one, applies the preferred quick fix, saves, and
;; writes what it saw to $RM_OUT as JSON for test/lsp/eglot.test.ts. Every path quits Emacs.
(require 'json)
(require 'cl-lib)
;; Debian's elpa-eglot (for Emacs 28) lives here; Emacs 29 has eglot built in.
(dolist (dir (file-expand-wildcards "/usr/share/emacs/site-lisp/elpa/*"))
  (add-to-list 'load-path dir))
(require 'eglot)

(defvar rm-report nil)
(defun rm-put (key value) (push (cons key value) rm-report))

(defun rm-wait (what seconds predicate)
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (unless (funcall predicate) (error "timed out waiting for %s" what))))

(defun rm-diagnostics ()
  (vconcat (mapcar (lambda (d)
                     `((start . ,(1- (flymake-diagnostic-beg d)))
                       (end . ,(1- (flymake-diagnostic-end d)))
                       (type . ,(symbol-name (flymake-diagnostic-type d)))
                       (text . ,(flymake-diagnostic-text d))))
                   (sort (flymake-diagnostics) (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b)))))))

(defun rm-session ()
  (load (getenv "RM_SNIPPET"))
  (find-file (getenv "RM_FILE"))
  (js-mode) ; Emacs 28 has no TypeScript mode: the fixture is JavaScript
  (apply #'eglot (eglot--guess-contact))
  (rm-wait "diagnostics" 20 #'flymake-diagnostics)
  (rm-put 'diagnostics (rm-diagnostics))
  (let* ((server (eglot--current-server-or-lose))
         (first (car (sort (flymake-diagnostics) (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b))))))
         (range (list :start (eglot--pos-to-lsp-position (flymake-diagnostic-beg first))
                      :end (eglot--pos-to-lsp-position (flymake-diagnostic-end first))))
         (hover (jsonrpc-request server :textDocument/hover
                                 (list :textDocument (eglot--TextDocumentIdentifier) :position (plist-get range :start))))
         (actions (jsonrpc-request server :textDocument/codeAction
                                   (list :textDocument (eglot--TextDocumentIdentifier) :range range :context (list :diagnostics []))))
         (chosen (cl-find-if (lambda (action) (and (equal (plist-get action :kind) "quickfix") (eq (plist-get action :isPreferred) t)))
                             actions)))
    (rm-put 'hover (plist-get (plist-get hover :contents) :value))
    (rm-put 'actions (vconcat (mapcar (lambda (action) `((title . ,(plist-get action :title)) (has_edit . ,(if (plist-get action :edit) t :json-false)))) actions)))
    (unless chosen (error "no preferred quick fix"))
    (rm-put 'applied (plist-get chosen :title))
    (rm-put 'edit (plist-get chosen :edit))
    (eglot--apply-workspace-edit (plist-get chosen :edit))
    (save-buffer)
    (let ((before (length (flymake-diagnostics))))
      (rm-wait "diagnostics after the fix" 20 (lambda () (< (length (flymake-diagnostics)) before))))
    (rm-put 'diagnostics_after (rm-diagnostics))
    ;; Files never visited: eglot hands their pushed diagnostics to `flymake-show-project-diagnostics'.
    (let ((expected (string-to-number (getenv "RM_WORKSPACE_FILES"))))
      (rm-wait "workspace diagnostics" 20 (lambda () (= (length flymake-list-only-diagnostics) expected))))
    (rm-put 'workspace (vconcat (sort (mapcar #'car flymake-list-only-diagnostics) #'string<)))
    (eglot-shutdown server)))

(let ((failure (condition-case err (progn (rm-session) nil) (error (error-message-string err)))))
  (rm-put 'error (or failure ""))
  (with-temp-file (getenv "RM_OUT") (insert (json-encode rm-report)))
  (kill-emacs (if failure 1 0)))
