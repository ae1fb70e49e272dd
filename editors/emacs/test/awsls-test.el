;;; awsls-test.el --- Batch test of awsls.el with Eglot against the real awsls server -*- lexical-binding: t -*-

;;; Commentary:

;; Run: AWSLS_BIN=... AWSLS_JSON_FILE=... AWSLS_PLAIN_FILE=... AWSLS_NOTES_DIR=... emacs --batch -l test/awsls-test.el TEMPLATE.yaml
;; (no -Q, so Debian's site-start puts elpa-eglot on the load path).
;; Prints one line per check and exits 0 when all pass, 1 otherwise.

;;; Code:

(require 'cl-lib)
(require 'subr-x)
(require 'eglot)
(require 'flymake)

(eval-and-compile
  (defconst awsls-test--dir
    (file-name-directory (or load-file-name (bound-and-true-p byte-compile-current-file) buffer-file-name)))
  (add-to-list 'load-path (expand-file-name ".." awsls-test--dir)))
(require 'awsls)

(defvar awsls-test--wait (string-to-number (or (getenv "AWSLS_WAIT_SECONDS") "30")))
(defvar awsls-test--passed 0)
(defvar awsls-test--failed 0)
(defvar awsls-test--hover-text "" "Text of the last hover, shared between checks.")

(defun awsls-test--report (ok name &optional detail)
  "Record check NAME as passed when OK, printing DETAIL on failure."
  (if ok (cl-incf awsls-test--passed) (cl-incf awsls-test--failed))
  (princ (format "%s - %s%s\n" (if ok "ok" "not ok") name (if (and (not ok) detail) (concat ": " detail) ""))))

(defmacro awsls-test--check (name &rest body)
  "Run BODY as check NAME; an error inside fails the check."
  (declare (indent 1))
  `(condition-case err
       (progn ,@body (awsls-test--report t ,name))
     (error (awsls-test--report nil ,name (error-message-string err)))))

(defun awsls-test--wait-until (predicate)
  "Pump events until PREDICATE returns non-nil or the wait runs out.
Return PREDICATE's last value."
  (let ((deadline (+ (float-time) awsls-test--wait)) value)
    (while (and (not (setq value (funcall predicate))) (< (float-time) deadline))
      (accept-process-output nil 0.1))
    value))

(defun awsls-test--awsls-diagnostics ()
  "Flymake diagnostics of the current buffer that came from awsls."
  (flymake-start)
  (accept-process-output nil 0.05)
  (cl-remove-if-not (lambda (d) (string-prefix-p "awsls" (flymake-diagnostic-text d)))
                    (flymake-diagnostics)))

(defun awsls-test--goto (needle offset)
  "Move point to the first NEEDLE in the buffer, OFFSET characters in."
  (goto-char (point-min))
  (unless (search-forward needle nil t)
    (error "Buffer does not contain %s" needle))
  (goto-char (+ (match-beginning 0) offset)))

(defun awsls-test--run (template json plain)
  "Run all checks.
TEMPLATE and JSON are CloudFormation templates; PLAIN is other YAML."
  (awsls-test--check "appspec and IAM policy detection"
    (cl-assert (eq (assoc-default "/x/appspec.yml" auto-mode-alist #'string-match) 'awsls-yaml-mode))
    (cl-assert (eq (assoc-default "/x/appspec.json" auto-mode-alist #'string-match) 'awsls-json-mode))
    (with-temp-buffer
      (insert "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": []\n}\n")
      (cl-assert (eq (awsls-document-kind "policy.json") 'iampolicy)))
    (with-temp-buffer
      (insert "name: example\nitems: [a, b]\n")
      (cl-assert (null (awsls-document-kind "config.yaml")))))

  (find-file template)
  (awsls-test--check "a CloudFormation template opens in awsls-yaml-mode"
    (unless (eq major-mode 'awsls-yaml-mode) (error "Major mode is %s" major-mode))
    (unless (eq awsls-kind 'cloudformation) (error "Kind is %s" awsls-kind)))

  (awsls-test--check "eglot starts awsls from eglot-server-programs"
    (apply #'eglot (eglot--guess-contact))
    (unless (awsls-test--wait-until (lambda () (eglot-current-server)))
      (error "No server for the buffer")))
  (unless (eglot-current-server)
    (cl-return-from awsls-test--run))
  (flymake-mode 1)

  (awsls-test--check "awsls reports the unclosed flow sequence on line 10"
    (let ((found (awsls-test--wait-until #'awsls-test--awsls-diagnostics)))
      (unless found (error "No awsls diagnostics (flymake has %S)" (flymake-diagnostics)))
      (unless (cl-some (lambda (d) (and (= 10 (line-number-at-pos (flymake-diagnostic-beg d)))
                                        (eq (flymake-diagnostic-type d) 'eglot-error)))
                       found)
        (error "No error on line 10: %S" (mapcar #'flymake-diagnostic-text found)))))

  (awsls-test--check "hover on the resource type names it"
    (awsls-test--goto "AWS::S3::Bucket" 4)
    ;; The server indexes notes in the background; hover again until they are in (bounded).
    (let (text)
      (awsls-test--wait-until
       (lambda ()
         (let* ((hover (jsonrpc-request (eglot-current-server) :textDocument/hover
                                        (eglot--TextDocumentPositionParams)))
                (contents (plist-get hover :contents)))
           (setq text (cond ((stringp contents) contents)
                            ((plist-get contents :value))
                            (t (format "%S" contents))))
           (or (string-match-p "editor-notes-marker" text)
               (progn (sleep-for 0.2) nil)))))
      (setq awsls-test--hover-text text)
      (unless (string-match-p (regexp-quote "AWS::S3::Bucket") text)
        (error "Hover text: %S" text))))

  (awsls-test--check "hover shows the notes from awsls-notes-paths"
    (unless (string-match-p "editor-notes-marker" awsls-test--hover-text)
      (error "Hover text: %S" awsls-test--hover-text)))

  (awsls-test--check "completion at the resource type offers AWS::S3::Bucket"
    (awsls-test--goto "AWS::S3::Bucket" (length "AWS::S3::Bucket"))
    (let* ((capf (eglot-completion-at-point))
           (candidates (and capf (all-completions "" (nth 2 capf)))))
      (unless (member "AWS::S3::Bucket" candidates)
        (error "Candidates: %S" (seq-take candidates 20)))))

  (awsls-test--check "fixing the error clears the diagnostics"
    (awsls-test--goto "[a, b" 0)
    (delete-char (length "[a, b"))
    (insert "platform")
    ;; Eglot sends changes from an idle timer, and batch Emacs is never idle: send them now.
    (eglot--signal-textDocument/didChange)
    (unless (awsls-test--wait-until (lambda () (null (awsls-test--awsls-diagnostics))))
      (error "Still: %S" (mapcar #'flymake-diagnostic-text (awsls-test--awsls-diagnostics)))))

  (awsls-test--check "a JSON template opens in awsls-json-mode and gets a diagnostic for AWS::S3::Buckt"
    (find-file json)
    (unless (eq major-mode 'awsls-json-mode) (error "Major mode is %s" major-mode))
    (apply #'eglot (eglot--guess-contact))
    (unless (awsls-test--wait-until (lambda () (eglot-current-server)))
      (error "No server for the JSON buffer"))
    (unless (equal (eglot--language-id (eglot-current-server)) "json")
      (error "Language id is %S" (eglot--language-id (eglot-current-server))))
    (flymake-mode 1)
    (unless (awsls-test--wait-until
             (lambda () (cl-some (lambda (d) (= 6 (line-number-at-pos (flymake-diagnostic-beg d))))
                                 (awsls-test--awsls-diagnostics))))
      (error "No awsls diagnostic on line 6: %S"
             (mapcar #'flymake-diagnostic-text (awsls-test--awsls-diagnostics)))))

  (awsls-test--check "a YAML file that is not an AWS document is left to other modes"
    (find-file plain)
    (when (eq major-mode 'awsls-yaml-mode)
      (error "plain YAML opened in awsls-yaml-mode")))

  (dolist (file (list template json))
    (let ((server (ignore-errors (with-current-buffer (find-buffer-visiting file) (eglot-current-server)))))
      (when server (ignore-errors (eglot-shutdown server))))))

(let ((template (car command-line-args-left))
      (json (getenv "AWSLS_JSON_FILE"))
      (plain (getenv "AWSLS_PLAIN_FILE")))
  (setq command-line-args-left nil)
  (setq awsls-server-command (list (or (getenv "AWSLS_BIN") "awsls") "serve"))
  (setq awsls-notes-paths (list (getenv "AWSLS_NOTES_DIR")))
  (condition-case err
      (cl-block awsls-test--run (awsls-test--run (expand-file-name template) (expand-file-name json) (expand-file-name plain)))
    (error (awsls-test--report nil "test run" (error-message-string err))))
  (princ (format "%d passed, %d failed\n" awsls-test--passed awsls-test--failed))
  (kill-emacs (if (zerop awsls-test--failed) 0 1)))

;;; awsls-test.el ends here
